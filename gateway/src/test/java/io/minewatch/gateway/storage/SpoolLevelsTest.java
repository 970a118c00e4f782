package io.minewatch.gateway.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpoolLevelsTest {

    private final List<String> changes = new ArrayList<>();
    private final SpoolLevels levels = new SpoolLevels(Path.of("spool.db"), 1000, 800,
            (previous, current, bytes, max) -> changes.add(previous + "->" + current + "@" + bytes + "/" + max));

    @Test
    void risesAtTheHighWaterMarkOnceAndFallsOnlyBelowTheRestoreMark() {
        levels.taken(500);
        levels.taken(800);
        levels.taken(900);
        levels.removed(750);
        levels.removed(700);
        levels.removed(699);
        levels.taken(750);

        assertThat(changes).containsExactly("NORMAL->HIGH_WATER@800/1000", "HIGH_WATER->NORMAL@699/1000");
    }

    @Test
    void isFullFromARefusedBatchUntilABatchIsTakenAgain() {
        levels.taken(850);
        levels.refused(990);
        levels.refused(990);
        levels.taken(995);

        assertThat(changes).containsExactly("NORMAL->HIGH_WATER@850/1000", "HIGH_WATER->FULL@990/1000",
                "FULL->HIGH_WATER@995/1000");
    }

    @Test
    void staysFullWhileForwardingLeavesTheSpoolAboveTheHighWaterMark() {
        levels.refused(990);
        levels.removed(900);
        levels.removed(810);
        levels.removed(650);

        assertThat(changes).containsExactly("NORMAL->FULL@990/1000", "FULL->NORMAL@650/1000");
        assertThat(levels.level()).isEqualTo(SpoolLevel.NORMAL);
    }

    @Test
    void aListenerThatFailsDoesNotStopTheLevelFromChanging() {
        SpoolLevels failing = new SpoolLevels(Path.of("spool.db"), 1000, 800, (previous, current, bytes, max) -> {
            throw new IllegalStateException("alarm output down");
        });

        failing.taken(900);

        assertThat(failing.level()).isEqualTo(SpoolLevel.HIGH_WATER);
    }
}
