package io.minewatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.minewatch.config.UplinkConfig.EndpointType;
import io.minewatch.config.UplinkConfig.RegulatorConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code journal} and {@code uplink} sections. */
class UplinkConfigTest {

    private static final Path FILE = Path.of("/etc/minewatch/minewatch.yaml");
    private static final String SITES = """
            sites:
              - { id: CM01, type: coal_mine, sensors: [ { id: CM01-CH4-T1, kind: ch4 } ] }
            """;

    private final ConfigLoader loader = new ConfigLoader(Map.of("TOKEN", "s3cret")::get);

    private MinewatchConfig read(String yaml) {
        return loader.read(yaml + SITES, FILE);
    }

    private List<ConfigProblem> problems(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> loader.read(yaml + SITES, FILE)).problems();
    }

    @Test
    void keepsTheJournalUnderTheLocalStoreAndHasNoRegulatorWhenNothingIsSaid() {
        MinewatchConfig config = read("storage: { local: { path: /var/lib/minewatch } }\n");

        assertThat(config.uplink().regulators()).isEmpty();
        assertThat(config.uplink().journal().directory(config.storage().local().path()))
                .isEqualTo(Path.of("/var/lib/minewatch/journal"));
        assertThat(config.uplink().journal().segmentBytes()).isEqualTo(64L << 20);
    }

    @Test
    void readsTheJournalPathSizeAndSyncTimeout() {
        UplinkConfig.JournalConfig journal = read("journal: { path: audit, segment_size: 8MiB, sync_timeout: 3s }\n")
                .uplink().journal();

        assertThat(journal.directory(Path.of("/x"))).isEqualTo(Path.of("/etc/minewatch/audit"));
        assertThat(journal.segmentBytes()).isEqualTo(8L << 20);
        assertThat(journal.syncTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void readsAnMqttAndAWebhookRegulator() {
        List<RegulatorConfig> regulators = read("""
                uplink:
                  regulators:
                    - { name: county, type: mqtt, url: "tcp://10.0.0.5:1883", topic: "mines/{site}/{sensor}",
                        username: gw, password: pw, retry_min: 500ms, retry_max: 20s }
                    - { name: province, type: webhook, url: "https://bureau.example/alarms", token: "${TOKEN}",
                        timeout: 5s }
                """).uplink().regulators();

        assertThat(regulators).hasSize(2);
        RegulatorConfig county = regulators.get(0);
        assertThat(county.type()).isEqualTo(EndpointType.MQTT);
        assertThat(county.url()).isEqualTo(URI.create("tcp://10.0.0.5:1883"));
        assertThat(county.topic()).isEqualTo("mines/{site}/{sensor}");
        assertThat(county.qos()).isEqualTo(1);
        assertThat(county.clientId()).isEqualTo("minewatch-uplink-county");
        assertThat(county.retryMin()).isEqualTo(Duration.ofMillis(500));
        assertThat(county.retryMax()).isEqualTo(Duration.ofSeconds(20));
        RegulatorConfig province = regulators.get(1);
        assertThat(province.type()).isEqualTo(EndpointType.WEBHOOK);
        assertThat(province.token()).isEqualTo("s3cret");
        assertThat(province.timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void reportsEveryBadRegulatorSettingAtOnce() {
        List<ConfigProblem> problems = problems("""
                journal: { segment_size: 10kB }
                uplink:
                  regulators:
                    - { name: a, type: ftp, url: "tcp://h:1" }
                    - { name: b, type: mqtt, url: "http://h:1883", topic: "x/+/y", qos: 0 }
                    - { name: b, type: webhook, url: "https://h/x", topic: t }
                    - { type: mqtt, url: "tcp://h:1883", retry_min: 5s, retry_max: 1s }
                """);

        assertThat(problems).extracting(ConfigProblem::key).contains("journal.segment_size",
                "uplink.regulators[0].type", "uplink.regulators[1].url", "uplink.regulators[1].topic",
                "uplink.regulators[1].qos", "uplink.regulators[2].name", "uplink.regulators[2].topic",
                "uplink.regulators[3].name", "uplink.regulators[3].retry_max");
        assertThat(problems).allSatisfy(p -> assertThat(p.line()).isPositive());
    }

    @Test
    void explainsTheJournalAndEachRegulatorWithoutItsSecrets() {
        String summary = ConfigSummary.explain(read("""
                storage: { local: { path: /var/lib/minewatch } }
                uplink:
                  regulators:
                    - { name: county, type: mqtt, url: "tcp://10.0.0.5:1883", username: gw, password: pw }
                    - { name: province, type: webhook, url: "https://bureau.example/alarms", token: "${TOKEN}" }
                """));

        assertThat(summary).contains("Alarm journal: /var/lib/minewatch/journal")
                .contains("mqtt county: tcp://10.0.0.5:1883, topic regulator/{site}/{sensor}, QoS 1, user gw")
                .contains("webhook province: https://bureau.example/alarms, bearer token")
                .doesNotContain("s3cret").doesNotContain(" pw");
    }
}
