package io.minewatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.minewatch.config.StorageConfig.LocalStoreConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code storage} section: the local directory and the bounds of the store-and-forward spool. */
class StorageConfigTest {

    private static final Path FILE = Path.of("/etc/minewatch/minewatch.yaml");
    private static final String SITES = """
            sites:
              - { id: CM01, type: coal_mine, sensors: [ { id: CM01-CH4-T1, kind: ch4 } ] }
            """;

    private final ConfigLoader loader = new ConfigLoader(Map.of("SPOOL", "2GiB")::get);

    private LocalStoreConfig local(String storage) {
        return loader.read(storage + SITES, FILE).storage().local();
    }

    private List<ConfigProblem> problems(String storage) {
        return catchThrowableOfType(ConfigException.class, () -> loader.read(storage + SITES, FILE)).problems();
    }

    @Test
    void takesTheSpoolDefaultsWhenNothingIsSaid() {
        LocalStoreConfig local = local("");

        assertThat(local.path()).isEqualTo(Path.of("/etc/minewatch/data"));
        assertThat(local.maxSpoolBytes()).isEqualTo(1L << 30);
        assertThat(local.spoolHighWaterPercent()).isEqualTo(80);
        assertThat(local.forwardRate()).isEqualTo(20_000);
        assertThat(local.spoolHighWaterBytes()).isEqualTo((1L << 30) * 80 / 100);
    }

    @Test
    void readsTheSpoolBoundsHighWaterAndForwardRate() {
        LocalStoreConfig local = local("""
                storage:
                  influxdb: { url: http://127.0.0.1:8086 }
                  local: { path: /var/lib/minewatch, max_spool_bytes: 512MiB, spool_high_water_percent: 70,
                           forward_rate: 5000 }
                """);

        assertThat(local).isEqualTo(new LocalStoreConfig(Path.of("/var/lib/minewatch"), 512L << 20, 70, 5000));
        assertThat(local.spoolHighWaterBytes()).isEqualTo((512L << 20) * 70 / 100);
    }

    @Test
    void takesTheSpoolBoundFromTheEnvironmentAndInDecimalUnits() {
        assertThat(local("storage: { local: { max_spool_bytes: \"${SPOOL}\" } }\n").maxSpoolBytes())
                .isEqualTo(2L << 30);
        assertThat(local("storage: { local: { max_spool_bytes: 200MB } }\n").maxSpoolBytes())
                .isEqualTo(200_000_000L);
    }

    @Test
    void reportsEveryBadSpoolSettingWithItsKeyLineAndWhatIsExpected() {
        List<ConfigProblem> problems = problems("""
                storage:
                  local:
                    max_spool_bytes: 1 gigabyte
                    spool_high_water_percent: 100
                    forward_rate: fast
                """);

        assertThat(problems).containsExactly(
                new ConfigProblem(FILE, 3, "storage.local.max_spool_bytes", "1 gigabyte", "a size of at least 16MiB"
                        + " such as 512MiB, 1GiB or 200MB (units B, kB, MB, GB, TB, KiB, MiB, GiB, TiB)"),
                new ConfigProblem(FILE, 4, "storage.local.spool_high_water_percent", "100",
                        "an integer from 1 to 99"),
                new ConfigProblem(FILE, 5, "storage.local.forward_rate", "fast", "an integer from 1 to 10000000"));
    }

    @Test
    void refusesASpoolTooSmallToRideOutAnOutage() {
        assertThat(problems("storage: { local: { max_spool_bytes: 1MiB } }\n")).singleElement()
                .satisfies(problem -> {
                    assertThat(problem.key()).isEqualTo("storage.local.max_spool_bytes");
                    assertThat(problem.value()).isEqualTo("1MiB");
                    assertThat(problem.expected()).startsWith("a size of at least 16MiB");
                });
    }

    @Test
    void suggestsTheKeyMeantForAMisspelledSpoolSetting() {
        assertThat(problems("storage: { local: { max_spool_byte: 1GiB } }\n")).singleElement()
                .satisfies(problem -> assertThat(problem.expected()).startsWith("did you mean 'max_spool_bytes'?"));
    }

    @Test
    void refusesAHighWaterMarkThatCouldNeverBeReachedBeforeTheSpoolIsFull() {
        assertThatThrownBy(() -> new LocalStoreConfig(Path.of("data"), 1L << 30, 100, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spoolHighWaterPercent : 100 (expected: 1..99)");
    }

    @Test
    void checkConfigExplainsTheSpoolBoundsWhenInfluxDbIsConfigured() {
        String text = ConfigSummary.explain(loader.read("""
                storage:
                  influxdb: { url: http://127.0.0.1:8086 }
                  local: { path: /var/lib/minewatch, max_spool_bytes: 200MB, forward_rate: 5000 }
                """ + SITES, FILE));

        assertThat(text).contains("  local directory /var/lib/minewatch: store-and-forward spool while InfluxDB is"
                + " unreachable, up to 200MB (self-alarm at 80 %), forwarded at up to 5000 points/s once InfluxDB"
                + " is back\n");
    }
}
