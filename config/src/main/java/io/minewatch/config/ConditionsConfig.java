package io.minewatch.config;

import io.minewatch.config.quantity.Kind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sensor conditions besides threshold rules ({@code conditions:}; every key optional): offline, flatline and
 * out-of-range limits by kind and by sensor, maintenance windows, and the slope failure forecast.
 *
 * @param kinds       limits by kind, over the built-in {@link ConditionLimits#defaultsFor(Kind)}
 * @param sensors     limits by sensor id, over those of its kind
 * @param maintenance maintenance windows set in the configuration
 * @param forecast    the slope failure forecast
 */
public record ConditionsConfig(Map<Kind, ConditionLimits> kinds, Map<String, ConditionLimits> sensors,
        List<MaintenanceConfig> maintenance, ForecastConfig forecast) {

    public static final ConditionsConfig DEFAULT = new ConditionsConfig(Map.of(), Map.of(), List.of(),
            ForecastConfig.DEFAULT);

    public ConditionsConfig {
        kinds = kinds.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(kinds));
        sensors = Map.copyOf(Objects.requireNonNull(sensors, "sensors"));
        maintenance = List.copyOf(Objects.requireNonNull(maintenance, "maintenance"));
        forecast = forecast == null ? ForecastConfig.DEFAULT : forecast;
    }

    /** The limits of one sensor, every field set: its own, then its kind's, then the built-in ones. */
    public ConditionLimits limitsFor(String sensor, Kind kind) {
        ConditionLimits limits = ConditionLimits.defaultsFor(kind).orElse(ConditionLimits.INHERIT);
        ConditionLimits ofKind = kinds.get(kind);
        if (ofKind != null) {
            limits = ofKind.orElse(limits);
        }
        ConditionLimits own = sensors.get(sensor);
        return own == null ? limits : own.orElse(limits);
    }
}
