package io.minewatch.simulators.scenario;

import io.minewatch.config.quantity.Kind;
import io.minewatch.config.quantity.Unit;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An incident scenario as read from its YAML file: the sites and sensors to simulate and a timeline of events, each
 * at an offset from the scenario's start (T+0). {@link ScenarioReader} validates it; {@link ScenarioSignals} turns it
 * into signals.
 *
 * @param name        short name, shown while it runs
 * @param description what the scenario shows
 * @param seed        seeds every sensor's noise: the same seed gives the same readings
 * @param speed       how many scenario seconds pass per real second (1: real time)
 * @param duration    scenario time after which the simulation ends
 * @param period      real time between two readings of a sensor
 * @param weather     background rain besides the scripted storms
 * @param sites       the simulated sites
 * @param events      the timeline, in order of {@link ScenarioEvent#at()}
 */
public record Scenario(String name, String description, long seed, double speed, Duration duration, Duration period,
        Weather weather, List<Site> sites, List<ScenarioEvent> events) {

    /** Background rain: none but the storms of the timeline, or random showers as {@code RainfallSignal} makes. */
    public enum Weather { DRY, SHOWERS }

    /** How a sensor reaches the gateway. */
    public enum Transport { MQTT, OPCUA }

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(weather, "weather");
        description = description == null ? "" : description;
        sites = List.copyOf(sites);
        events = events.stream().sorted(Comparator.comparing(ScenarioEvent::at)).toList();
        if (!(speed > 0 && speed <= 100_000)) {
            throw new IllegalArgumentException("speed : " + speed + " (expected: above 0, up to 100000)");
        }
    }

    /** One simulated site, with the id and type it has in the gateway's configuration. */
    public record Site(String id, String type, List<Sensor> sensors) {
        public Site {
            sensors = List.copyOf(sensors);
        }
    }

    /**
     * One simulated sensor.
     *
     * @param id        sensor id, unique in the scenario
     * @param kind      the measured quantity
     * @param unit      the unit it reports in
     * @param decimals  decimals it reports
     * @param location  where it is, for the gateway's configuration
     * @param profile   the gateway profile it is registered with; empty: the kind's default
     * @param via       MQTT or OPC UA
     * @param baseline  the kind's model's resting level where it has one (CH4 %), empty: the model's default
     * @param creepMillimetresPerDay steady creep of a displacement point
     * @param seasonalAmplitude      seasonal swing of that creep, 0 to 1
     */
    public record Sensor(String id, Kind kind, Unit unit, int decimals, String location, Optional<String> profile,
            Transport via, Optional<Double> baseline, double creepMillimetresPerDay, double seasonalAmplitude) {
    }

    /** Every sensor of every site, in file order. */
    public List<Sensor> sensors() {
        return sites.stream().flatMap(site -> site.sensors().stream()).toList();
    }

    /** The site holding {@code sensorId}. */
    public Optional<Site> siteOf(String sensorId) {
        return sites.stream().filter(site -> site.sensors().stream().anyMatch(s -> s.id().equals(sensorId)))
                .findFirst();
    }

    /** Real time the scenario takes at its speed. */
    public Duration realDuration() {
        return Duration.ofMillis(Math.round(duration.toMillis() / speed));
    }

    public Scenario withSpeed(double newSpeed) {
        return new Scenario(name, description, seed, newSpeed, duration, period, weather, sites, events);
    }
}
