package io.minewatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionsConfigTest {

    private static final Path FILE = Path.of("/etc/minewatch/minewatch.yaml");
    private static final String SITES = """
            sites:
              - id: CM01
                type: coal_mine
                sensors:
                  - { id: CM01-CH4-T1, kind: ch4 }
                  - { id: CM01-CH4-T2, kind: ch4 }
              - id: TP01
                type: tailings_pond
                sensors:
                  - { id: TP01-GNSS-1, kind: displacement }
            """;

    private final ConfigLoader loader = new ConfigLoader(Map.<String, String>of()::get);

    private MinewatchConfig load(String conditions) {
        return loader.read(SITES + conditions, FILE);
    }

    private List<ConfigProblem> problems(String conditions) {
        return catchThrowableOfType(ConfigException.class, () -> load(conditions)).problems();
    }

    @Test
    void withoutTheSectionEverySensorGetsItsKindsBuiltInLimits() {
        ConditionsConfig conditions = load("").conditions();

        ConditionLimits ch4 = conditions.limitsFor("CM01-CH4-T1", Kind.CH4);
        assertThat(ch4.period()).isEqualTo(Duration.ofSeconds(10));
        assertThat(ch4.offlineAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ch4.flatlineAfter()).isEqualTo(Duration.ofHours(24));
        assertThat(ch4.rangeMin()).isEqualTo(0.0);
        assertThat(ch4.rangeMax()).isEqualTo(100.0);
        ConditionLimits gnss = conditions.limitsFor("TP01-GNSS-1", Kind.DISPLACEMENT);
        assertThat(gnss.period()).isEqualTo(Duration.ofMinutes(10));
        assertThat(gnss.flatlineAfter()).isZero();
        assertThat(conditions.forecast()).isEqualTo(ForecastConfig.DEFAULT);
    }

    @Test
    void sensorLimitsOverrideKindLimitsWhichOverrideTheBuiltInOnes() {
        ConditionsConfig conditions = load("""
                conditions:
                  kinds:
                    ch4: { period: 5s, flatline_after: 12h, range_max: 5 }
                  sensors:
                    CM01-CH4-T1: { offline_after_periods: 6, range_max: 4 }
                """).conditions();

        ConditionLimits own = conditions.limitsFor("CM01-CH4-T1", Kind.CH4);
        assertThat(own).isEqualTo(new ConditionLimits(Duration.ofSeconds(5), 6, Duration.ofHours(12), 0.0, 4.0));
        ConditionLimits other = conditions.limitsFor("CM01-CH4-T2", Kind.CH4);
        assertThat(other).isEqualTo(new ConditionLimits(Duration.ofSeconds(5), 3, Duration.ofHours(12), 0.0, 5.0));
    }

    @Test
    void readsMaintenanceWindowsAndTheForecast() {
        ConditionsConfig conditions = load("""
                conditions:
                  maintenance:
                    - { sensor: CM01-CH4-T1, reason: "calibration, 2 % test gas", until: "2026-11-24T08:00:00+08:00" }
                  forecast:
                    kinds: [displacement]
                    smoothing: 3h
                    window: 24h
                    min_points: 5
                    min_velocity: 0.5
                    horizons: { yellow: 7d, orange: 2d, red: 6h }
                """).conditions();

        assertThat(conditions.maintenance()).containsExactly(new MaintenanceConfig("CM01-CH4-T1",
                "calibration, 2 % test gas", Instant.parse("2026-11-24T00:00:00Z")));
        assertThat(conditions.forecast()).isEqualTo(new ForecastConfig(java.util.EnumSet.of(Kind.DISPLACEMENT),
                Duration.ofHours(3), Duration.ofHours(24), 5, 0.5, Map.of(Level.YELLOW, Duration.ofDays(7),
                Level.ORANGE, Duration.ofDays(2), Level.RED, Duration.ofHours(6))));
    }

    @Test
    void reportsEveryBadValueAtOnce() {
        List<ConfigProblem> problems = problems("""
                conditions:
                  kinds:
                    methane: { period: 5s }
                    co: { period: 0s, range_min: 50, range_max: 10 }
                  sensors:
                    NOPE-1: { period: 5s }
                  maintenance:
                    - { sensor: CM01-CH4-T1, until: tomorrow }
                    - { sensor: CM01-CH4-T9, until: "2026-11-24T08:00:00Z" }
                  forecast: { window: 1h, horizons: { orange: 6h, red: 12h } }
                """);

        assertThat(problems).extracting(ConfigProblem::key).containsExactlyInAnyOrder(
                "conditions.kinds.methane", "conditions.kinds.co.period", "conditions.kinds.co.range_max",
                "conditions.sensors.NOPE-1", "conditions.maintenance[0].until", "conditions.maintenance[1].sensor",
                "conditions.forecast.window", "conditions.forecast.horizons.red");
    }

    @Test
    void theDocumentedExampleIsValid() throws Exception {
        String doc = java.nio.file.Files.readString(Path.of("..", "docs", "configuration.md"));
        java.util.regex.Matcher block = java.util.regex.Pattern.compile("```yaml\\n(conditions:\\n.*?)```",
                java.util.regex.Pattern.DOTALL).matcher(doc);
        assertThat(block.find()).isTrue();

        ConditionsConfig conditions = load(block.group(1)).conditions();

        assertThat(conditions.limitsFor("CM01-CH4-T1", Kind.CH4).rangeMax()).isEqualTo(40.0);
        assertThat(conditions.maintenance()).hasSize(1);
        assertThat(conditions.forecast().horizons()).containsKeys(Level.YELLOW, Level.ORANGE, Level.RED);
    }
}
