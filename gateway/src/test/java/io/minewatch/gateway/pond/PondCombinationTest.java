package io.minewatch.gateway.pond;

import static io.minewatch.config.rules.Level.BLUE;
import static io.minewatch.config.rules.Level.ORANGE;
import static io.minewatch.config.rules.Level.RED;
import static io.minewatch.config.rules.Level.YELLOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.config.rules.Level;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DOMAIN.md §2: 4 blue → yellow, 3 yellow → orange, 2 orange → red, counted in a chain. */
class PondCombinationTest {

    @ParameterizedTest(name = "{0} blue, {1} yellow, {2} orange, {3} red -> {4}")
    @CsvSource({
        "0, 0, 0, 0, none",
        "1, 0, 0, 0, blue",
        "3, 0, 0, 0, blue",
        "4, 0, 0, 0, yellow",
        "0, 1, 0, 0, yellow",
        "0, 2, 0, 0, yellow",
        "0, 3, 0, 0, orange",
        "3, 2, 0, 0, yellow",
        "4, 2, 0, 0, orange",
        "11, 0, 0, 0, yellow",
        "12, 0, 0, 0, orange",
        "0, 0, 1, 0, orange",
        "0, 0, 2, 0, red",
        "0, 3, 1, 0, red",
        "0, 0, 0, 1, red",
        "5, 1, 1, 0, orange",
    })
    void combinesLevelsByTheTable(int blue, int yellow, int orange, int red, String expected) {
        List<Level> levels = new ArrayList<>();
        add(levels, BLUE, blue);
        add(levels, YELLOW, yellow);
        add(levels, ORANGE, orange);
        add(levels, RED, red);

        Level combined = PondCombination.combine(levels);

        assertThat(combined == null ? "none" : combined.id()).isEqualTo(expected);
    }

    private static void add(List<Level> levels, Level level, int count) {
        for (int i = 0; i < count; i++) {
            levels.add(level);
        }
    }
}
