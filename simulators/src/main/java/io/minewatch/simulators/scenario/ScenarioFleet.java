package io.minewatch.simulators.scenario;

import io.minewatch.simulators.fleet.Fleet;
import io.minewatch.simulators.fleet.SimulatedSensor;
import io.minewatch.simulators.signals.SignalModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fleets that run a scenario: its MQTT sensors and its OPC UA sensors, whose signals run on scenario time
 * through a {@link TimeScale}, and the sites block a gateway configuration needs to register them.
 */
public final class ScenarioFleet {

    private ScenarioFleet() {
    }

    /** The sensors of {@code scenario} reached over {@code via}, in file order. */
    public static Fleet fleet(Scenario scenario, Scenario.Transport via, TimeScale scale) {
        Map<String, SignalModel> signals = ScenarioSignals.build(scenario, scale.startMillis());
        List<SimulatedSensor> sensors = new ArrayList<>();
        for (Scenario.Site site : scenario.sites()) {
            for (Scenario.Sensor sensor : site.sensors()) {
                if (sensor.via() == via) {
                    SignalModel signal = signals.get(sensor.id());
                    sensors.add(new SimulatedSensor(site.id(), sensor.id(), sensor.kind(), sensor.unit(),
                            sensor.decimals(), t -> signal.valueAt(scale.scenarioMillis(t))));
                }
            }
        }
        return new Fleet(sensors);
    }

    /** The {@code sites:} block of a gateway configuration registering every sensor of the scenario. */
    public static String sitesYaml(Scenario scenario) {
        StringBuilder yaml = new StringBuilder("# sites of scenario ").append(scenario.name()).append('\n')
                .append("sites:\n");
        for (Scenario.Site site : scenario.sites()) {
            yaml.append("  - id: ").append(site.id()).append('\n')
                    .append("    type: ").append(site.type()).append('\n')
                    .append("    sensors:\n");
            for (Scenario.Sensor sensor : site.sensors()) {
                yaml.append("      - { id: ").append(sensor.id()).append(", kind: ").append(sensor.kind().id());
                if (!sensor.location().isEmpty()) {
                    yaml.append(", location: \"").append(sensor.location().replace("\"", "'")).append('"');
                }
                sensor.profile().ifPresent(p -> yaml.append(", profile: ").append(p));
                yaml.append(" }\n");
            }
        }
        return yaml.toString();
    }
}
