package io.minewatch.gateway.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InfluxQlTest {

    @Test
    void aStringLiteralEscapesQuotesBackslashesAndNewlines() {
        assertThat(InfluxQl.stringLiteral("plain")).isEqualTo("'plain'");
        assertThat(InfluxQl.stringLiteral("it's")).isEqualTo("'it\\'s'");
        assertThat(InfluxQl.stringLiteral("a\\' OR 1=1")).isEqualTo("'a\\\\\\' OR 1=1'");
        assertThat(InfluxQl.stringLiteral("two\nlines")).isEqualTo("'two\\nlines'");
    }

    @Test
    void anIdentifierEscapesDoubleQuotes() {
        assertThat(InfluxQl.identifier("water_level")).isEqualTo("\"water_level\"");
        assertThat(InfluxQl.identifier("db\"; DROP DATABASE x")).isEqualTo("\"db\\\"; DROP DATABASE x\"");
    }

    @Test
    void rawHistorySelectsTheSensorsValuesInAHalfOpenRangeOfMilliseconds() {
        assertThat(InfluxQl.rawHistory("autogen", "ch4", "CM01-CH4-T1", 1000, 2000)).isEqualTo(
                "SELECT \"value\" FROM \"autogen\".\"ch4\" WHERE \"sensor\" = 'CM01-CH4-T1'"
                        + " AND time >= 1000ms AND time < 2000ms");
    }

    @Test
    void aggregatedHistoryGroupsByTheStepInMillisecondsWithoutFillingEmptySteps() {
        assertThat(InfluxQl.aggregatedHistory("autogen", "ch4", "S1", 0, 600_000, Duration.ofMinutes(1)))
                .isEqualTo("SELECT mean(\"value\"), min(\"value\"), max(\"value\"), last(\"value\"), count(\"value\")"
                        + " FROM \"autogen\".\"ch4\" WHERE \"sensor\" = 'S1' AND time >= 0ms AND time < 600000ms"
                        + " GROUP BY time(60000ms) fill(none)");
    }

    @Test
    void aggregatedHistoryRefusesANonPositiveStep() {
        assertThatThrownBy(() -> InfluxQl.aggregatedHistory("autogen", "ch4", "S1", 0, 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("step : PT0S (expected: a positive whole number of ms)");
    }
}
