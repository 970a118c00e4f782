package io.minewatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.config.rules.Direction;
import io.minewatch.config.rules.Level;
import io.minewatch.config.rules.LevelThreshold;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSummaryTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of("PASS", "hunter2")::get);

    @Test
    void explainsEverySectionOfTheExample() {
        String text = ConfigSummary.explain(ExampleConfigTest.loadExample());

        assertThat(text).contains(
                "Configuration: examples/minewatch.yaml\n",
                "HTTP API and control room: http://127.0.0.1:8080\n",
                "  mqtt site-broker: tcp://127.0.0.1:1883, topics minewatch/+/+, QoS 1, client id minewatch-gateway,"
                        + " reconnect 1s to 30s, payloads up to 262144 bytes\n",
                "  InfluxDB http://127.0.0.1:8086, database minewatch, retention policy autogen, batches of 5000"
                        + " flushed every 100ms\n",
                "Pipeline: 2 event loops, at most 20000 readings in flight, readings stamped more than 5m in the"
                        + " future rejected\n",
                "Alarm events over MQTT: tcp://127.0.0.1:1883, topic minewatch/alarms/{site}/{sensor}\n",
                "Sites: 2, registered sensors: 12\n",
                "  CM01 (coal_mine) \"Example coal mine\": 8 sensors\n",
                "  TP01 (tailings_pond) \"Example tailings pond\": 4 sensors\n");
    }

    @Test
    void listsEachSensorWithKindLocationAndProfileInColumns() {
        String text = ConfigSummary.explain(ExampleConfigTest.loadExample());

        assertThat(text).containsPattern(
                "\n    CM01-CH4-T1 +ch4 +working face 1201 +coal_ch4_working_face\n");
        assertThat(text).containsPattern("\n    CM01-O2-IN1 +o2 +intake airway 1201 +coal_o2\n");
    }

    @Test
    void explainsEachProfileInUseWithItsThresholdsAndSource() {
        String text = ConfigSummary.explain(ExampleConfigTest.loadExample());

        assertThat(text).contains(
                "  coal_ch4_working_face (ch4): CH4 at a coal working face (T1)\n"
                        + "    source: DOMAIN.md §1, CH4 table, row 'coal working face (T1)': alarm ≥ 1.0,"
                        + " power cut ≥ 1.5, restore < 1.0\n"
                        + "    rule ch4: value, fires above\n"
                        + "      alarm orange: enter ≥ 1.0 %, restore < 1.0 %\n"
                        + "      power_cut red: enter ≥ 1.5 %, restore < 1.0 %\n",
                "      alarm orange: enter < 20.0 %, restore ≥ 20.0 %\n",
                "    rule rate: rate of change over the last 6h, fires above\n"
                        + "      orange: enter ≥ 10.0 mm/day, restore < 10.0 mm/day\n",
                "    source: TP01 design report 2021 §4.2 (design flood level 12.0 m); GB 51108-2015 §8.3\n");
        assertThat(text).doesNotContain("coal_ch4_intake");
    }

    @Test
    void explainsTheEmbeddedStoreAndNeverShowsPasswords() {
        MinewatchConfig config = loader.read("""
                collectors:
                  mqtt: [ { name: b, url: "tcp://10.0.0.5:1883", username: gw, password: "${PASS}" } ]
                profiles:
                  unused_sump:
                    kind: sump_level
                    rules: [ { id: high, direction: above, min_duration: 30s, levels: [ { level: red, enter: 3 } ] } ]
                  sump:
                    kind: sump_level
                    rules: [ { id: high, direction: above, min_duration: 30s, levels: [ { level: red, enter: 3 } ] } ]
                sites:
                  - { id: CM01, type: coal_mine, sensors: [ { id: S1, kind: sump_level, profile: sump } ] }
                """, Path.of("/srv/mw.yaml"));

        String text = ConfigSummary.explain(config);

        assertThat(text).doesNotContain("hunter2").contains(
                "user gw with password",
                "  embedded store in /srv/data (no InfluxDB configured): it serves history\n",
                "  dead-letter log /srv/data/dead-letter.jsonl\n",
                "Alarm events over MQTT: tcp://10.0.0.5:1883 (the broker of collector b), topic minewatch/alarms/",
                "    S1  sump_level  -  sump\n",
                "    rule high: value, fires above, after holding for 30s\n",
                "Profiles of this file that no sensor uses: unused_sump\n");
    }

    @Test
    void saysWhenNoReadingsCanArrive() {
        String text = ConfigSummary.explain(loader.read("sites: [ { id: CM01, type: coal_mine } ]",
                Path.of("x.yaml")));

        assertThat(text).contains("Collectors:\n  none: no readings will arrive\n",
                "Alarm events over MQTT: none (no alarms.mqtt and no MQTT collector)\n", "Profiles in use: 0\n");
    }

    @Test
    void describesBothDirections() {
        assertThat(ConfigSummary.describe(Direction.ABOVE, new LevelThreshold("alarm", Level.ORANGE, 1.0, 0.9), "%"))
                .isEqualTo("enter ≥ 1.0 %, restore < 0.9 %");
        assertThat(ConfigSummary.describe(Direction.BELOW, new LevelThreshold("red", Level.RED, 4.0, 4.1), "m"))
                .isEqualTo("enter < 4.0 m, restore ≥ 4.1 m");
    }
}
