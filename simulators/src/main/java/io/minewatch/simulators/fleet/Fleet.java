package io.minewatch.simulators.fleet;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The sensors a simulator publishes, in a stable order; sensor ids are unique. */
public record Fleet(List<SimulatedSensor> sensors) {

    public Fleet {
        sensors = List.copyOf(Objects.requireNonNull(sensors, "sensors"));
        Set<String> ids = new HashSet<>();
        for (SimulatedSensor sensor : sensors) {
            if (!ids.add(sensor.id())) {
                throw new IllegalArgumentException("sensor : " + sensor.id() + " (expected: each sensor id once)");
            }
        }
    }

    public Optional<SimulatedSensor> sensor(String id) {
        return sensors.stream().filter(sensor -> sensor.id().equals(id)).findFirst();
    }

    /** The sensor with {@code id}; throws when the fleet has none. */
    public SimulatedSensor require(String id) {
        return sensor(id).orElseThrow(() -> new IllegalArgumentException("sensor : " + id + " (expected: one of "
                + sensors.stream().map(SimulatedSensor::id).toList() + ")"));
    }

    public int size() {
        return sensors.size();
    }
}
