package io.minewatch.gateway.history;

import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.sites.SensorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns sensor ids into series: a registered sensor's kind comes from the configuration; an unregistered one needs
 * its kind named ({@code kind=}), since InfluxDB keeps each kind in its own measurement.
 */
public final class SensorResolver {

    private final Map<String, SensorConfig> registered;

    public SensorResolver(MinewatchConfig config) {
        this.registered = Objects.requireNonNull(config, "config").sensorsById();
    }

    public SensorConfig registered(String sensor) {
        return registered.get(sensor);
    }

    /** @param kindId the kind of the unregistered sensors among them, or null */
    public List<SensorSeries> resolve(List<String> sensors, String kindId) {
        if (sensors.isEmpty()) {
            throw new IllegalArgumentException("sensors : missing (expected: one or more sensor ids)");
        }
        Kind fallback = null;
        if (kindId != null) {
            fallback = Kind.byId(kindId).orElseThrow(() -> new IllegalArgumentException("kind : " + kindId
                    + " (expected: a kind id such as ch4, co, water_level)"));
        }
        List<SensorSeries> series = new ArrayList<>();
        for (String sensor : sensors) {
            SensorConfig config = registered.get(sensor);
            if (config != null) {
                series.add(new SensorSeries(sensor, config.kind()));
            } else if (fallback != null) {
                series.add(new SensorSeries(sensor, fallback));
            } else {
                throw new IllegalArgumentException("sensor : " + sensor
                        + " (expected: a registered sensor, or name the kind of an unregistered one with kind=)");
            }
        }
        return series;
    }
}
