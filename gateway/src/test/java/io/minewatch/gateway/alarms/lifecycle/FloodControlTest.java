package io.minewatch.gateway.alarms.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.config.AlarmHandlingConfig.Shelving;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FloodControlTest {

    private static final String FACE = "CM01-CH4-T1";
    private static final Shelving SHELVING = new Shelving(true, 3, Duration.ofMinutes(10), Duration.ofMinutes(30),
            false);

    @TempDir
    Path directory;

    private LifecycleRig rig;
    private FloodControl flood;
    private int alarms;

    @BeforeEach
    void start() throws Exception {
        rig = new LifecycleRig(directory);
        flood = rig.withFloodControl(SHELVING);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    /** One raise and clear of a new alarm, a minute apart from the previous. */
    private void chatter(Level level) {
        String alarmId = "A" + (++alarms);
        rig.fire(AlarmTransition.RAISED, alarmId, FACE, level);
        rig.clock.advance(Duration.ofSeconds(20));
        rig.fire(AlarmTransition.CLEARED, alarmId, FACE, level);
        rig.clock.advance(Duration.ofSeconds(40));
    }

    private List<AlarmTransition> transitions(List<AlarmEvent> events) {
        return events.stream().map(AlarmEvent::transition).toList();
    }

    @Test
    void aRuleRaisedTheConfiguredTimesWithinTheWindowIsShelvedRightAfterTheRaiseThatTippedIt() {
        chatter(Level.ORANGE);
        chatter(Level.ORANGE);
        assertThat(flood.isShelved(FACE, "ch4")).isFalse();

        chatter(Level.ORANGE);

        assertThat(transitions(rig.notified)).containsExactly(AlarmTransition.RAISED, AlarmTransition.CLEARED,
                AlarmTransition.RAISED, AlarmTransition.CLEARED, AlarmTransition.RAISED, AlarmTransition.SHELVED,
                AlarmTransition.CLEARED);
        AlarmEvent shelved = rig.notified.get(5);
        assertThat(shelved.alarmId()).isEqualTo("A3");
        assertThat(shelved.details()).containsEntry("raised_count", "3").containsEntry("window", "PT10M")
                .containsEntry("shelved_until", "2025-11-22T11:32:00Z");
        assertThat(flood.isShelved(FACE, "ch4")).isTrue();
        assertThat(rig.board.isShelved(FACE, "ch4")).isTrue();
        assertThat(rig.notified.get(6).details()).containsEntry("shelved", "true");
    }

    @Test
    void whileShelvedEveryTransitionIsStillRecordedMarkedShelved() throws Exception {
        for (int i = 0; i < 3; i++) {
            chatter(Level.ORANGE);
        }
        rig.fire(AlarmTransition.RAISED, "A9", FACE, Level.ORANGE);

        assertThat(rig.stored).hasSize(8).isEqualTo(rig.notified);
        assertThat(rig.stored.get(7).details()).containsEntry("shelved", "true");
        assertThat(rig.state.loadStanding()).extracting(a -> a.alarmId()).contains("A9");
        assertThat(rig.board.standing("A9")).get().satisfies(a -> assertThat(a.shelved()).isTrue());
    }

    @Test
    void aShelvedRuleIsUnshelvedByItselfAfterTheConfiguredTime() {
        for (int i = 0; i < 3; i++) {
            chatter(Level.ORANGE);
        }
        int before = rig.notified.size();

        rig.scheduler.advance(Duration.ofMinutes(30));

        assertThat(rig.notified.subList(before, rig.notified.size())).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(AlarmTransition.UNSHELVED);
            assertThat(e.details()).containsEntry("reason", "time");
        });
        assertThat(flood.isShelved(FACE, "ch4")).isFalse();
        assertThat(rig.board.isShelved(FACE, "ch4")).isFalse();
        rig.fire(AlarmTransition.RAISED, "A10", FACE, Level.ORANGE);
        assertThat(rig.notified.get(rig.notified.size() - 1).details()).doesNotContainKey("shelved");
    }

    @Test
    void raisesSpreadWiderThanTheWindowDoNotShelve() {
        for (int i = 0; i < 6; i++) {
            chatter(Level.ORANGE);
            rig.clock.advance(Duration.ofMinutes(5));
        }

        assertThat(transitions(rig.notified)).doesNotContain(AlarmTransition.SHELVED);
    }

    @Test
    void redAlarmsAreNeverShelvedByDefault() {
        for (int i = 0; i < 6; i++) {
            chatter(Level.RED);
        }

        assertThat(transitions(rig.notified)).doesNotContain(AlarmTransition.SHELVED);
    }

    @Test
    void aRedTransitionOfAShelvedRuleUnshelvesItFirst() {
        for (int i = 0; i < 3; i++) {
            chatter(Level.ORANGE);
        }
        rig.fire(AlarmTransition.RAISED, "A9", FACE, Level.ORANGE);
        rig.fire(AlarmTransition.ESCALATED, "A9", FACE, Level.RED);

        List<AlarmEvent> last = rig.notified.subList(rig.notified.size() - 2, rig.notified.size());
        assertThat(transitions(last)).containsExactly(AlarmTransition.UNSHELVED, AlarmTransition.ESCALATED);
        assertThat(last.get(0).details()).containsEntry("reason", "red");
        assertThat(last.get(1).details()).doesNotContainKey("shelved");
        assertThat(flood.isShelved(FACE, "ch4")).isFalse();
        rig.scheduler.advance(Duration.ofHours(1));
        assertThat(transitions(rig.notified)).containsOnlyOnce(AlarmTransition.UNSHELVED);
    }

    @Test
    void redAlarmsAreShelvedWhenConfiguredSo() throws Exception {
        rig.close();
        rig = new LifecycleRig(directory.resolve("red"));
        flood = rig.withFloodControl(new Shelving(true, 3, Duration.ofMinutes(10), Duration.ofMinutes(30), true));

        for (int i = 0; i < 3; i++) {
            chatter(Level.RED);
        }

        assertThat(flood.isShelved(FACE, "ch4")).isTrue();
    }
}
