package io.minewatch.simulators.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minewatch.config.ConfigProblem;
import io.minewatch.config.quantity.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ScenarioReaderTest {

    private static final Path FILE = Path.of("bad.yaml");

    @Test
    void readsEveryShippedScenario() throws IOException {
        List<Path> shipped;
        try (Stream<Path> files = Files.list(Path.of("scenarios"))) {
            shipped = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(shipped).hasSizeGreaterThanOrEqualTo(4);
        for (Path file : shipped) {
            Scenario scenario = ScenarioReader.read(file);
            assertThat(scenario.events()).as(file.toString()).isNotEmpty();
            assertThat(ScenarioSignals.build(scenario, 0L)).hasSize(scenario.sensors().size());
        }
    }

    @Test
    void readsTheTimelineInOrderWithDefaults() {
        Scenario scenario = ScenarioReader.read(FILE, """
                name: t
                duration: 1h
                sites:
                  - id: CM01
                    type: coal_mine
                    sensors: [ { id: S1, kind: ch4 } ]
                events:
                  - { at: 20m, event: sensor_offline, sensor: S1, for: 2m }
                  - { at: 5m, event: gas_outburst, sensor: S1, peak: 2 }
                """);

        assertThat(scenario.speed()).isEqualTo(1.0);
        assertThat(scenario.period()).isEqualTo(Duration.ofSeconds(1));
        assertThat(scenario.sensors().get(0).kind()).isEqualTo(Kind.CH4);
        assertThat(scenario.events()).extracting(ScenarioEvent::type).containsExactly("gas_outburst",
                "sensor_offline");
        assertThat(scenario.events().get(0)).isEqualTo(new ScenarioEvent.GasOutburst(Duration.ofMinutes(5), "S1",
                2.0, Duration.ofSeconds(15), Duration.ofMinutes(2)));
    }

    @Test
    void reportsEveryProblemAtOnceWithFileLineKeyValueAndExpectation() {
        assertThatThrownBy(() -> ScenarioReader.read(FILE, """
                name: t
                duration: 10m
                speed: fast
                sites:
                  - id: CM01
                    type: coal_mine
                    sensors:
                      - { id: S1, kind: ch4, baseline: 3 }
                      - { id: D1, kind: crack_width }
                events:
                  - { at: 5m, event: gas_outburst, sensor: S9, peak: 200 }
                  - { at: 15m, event: sensor_offline, sensor: S1, for: 1m }
                  - { at: 1m, event: rainstorm, site: CM01, for: 3 hours }
                  - { at: 1m, event: earthquake }
                """))
                .isInstanceOf(ScenarioException.class)
                .satisfies(e -> assertThat(((ScenarioException) e).problems()).extracting(ConfigProblem::toString)
                        .containsExactly(
                                "bad.yaml:3: speed: 'fast' (expected: a number from 0.001 to 100000)",
                                "bad.yaml:8: sites[0].sensors[0].baseline: '3' (expected: a number from 0.1 to 0.6)",
                                "bad.yaml:9: sites[0].sensors[1].kind: 'crack_width' (expected: one of ch4, co, o2,"
                                        + " dust, rainfall, water_level, phreatic_line, displacement)",
                                "bad.yaml:11: events[0].sensor: 'S9' (expected: a sensor declared under sites: one of"
                                        + " [S1])",
                                "bad.yaml:11: events[0].peak: '200' (expected: a number from 0.01 to 100)",
                                "bad.yaml:12: events[1].at: '15m' (expected: a time within the scenario's duration"
                                        + " 10m)",
                                "bad.yaml:13: events[2].for: '3 hours' (expected: a duration such as 500ms, 20s, 5m,"
                                        + " 3h or 2d)",
                                "bad.yaml:14: events[3].event: 'earthquake' (expected: one of gas_outburst,"
                                        + " ventilation_change, fire, rainstorm, slope_acceleration, sensor_offline,"
                                        + " sensor_stuck, sensor_drift, calibration)"));
    }

    @Test
    void refusesAnEventOnASensorOfTheWrongKindAndAnUnknownKey() {
        assertThatThrownBy(() -> ScenarioReader.read(FILE, """
                name: t
                duration: 10m
                sites:
                  - id: TP01
                    type: tailings_pond
                    sensors: [ { id: G1, kind: displacement } ]
                events:
                  - { at: 1m, event: gas_outburst, sensor: G1, peak: 2, colour: red }
                """))
                .hasMessage("invalid scenario, 2 problems:\n"
                        + "bad.yaml:8: events[0].colour: 'colour' (expected: one of at, event, sensor, peak, rise,"
                        + " decay)\n"
                        + "bad.yaml:8: events[0].sensor: 'G1' (expected: a ch4 sensor (G1 is displacement))");
    }

    @Test
    void namesTheLineOfAYamlSyntaxError() {
        assertThatThrownBy(() -> ScenarioReader.read(FILE, "name: t\nsites: [ { id: x\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("bad.yaml: (document)")
                .hasMessageContaining("valid YAML (line 3)");
    }
}
