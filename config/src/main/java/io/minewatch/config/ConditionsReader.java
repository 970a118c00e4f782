package io.minewatch.config;

import io.minewatch.config.MappingReader.Entry;
import io.minewatch.config.MappingReader.Item;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import io.minewatch.config.sites.SensorConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Reads {@code conditions:} into a {@link ConditionsConfig}: limits by kind and by registered sensor, maintenance
 * windows of registered sensors, and the slope forecast. Every key is optional.
 */
final class ConditionsReader {

    private static final String[] LIMIT_KEYS = {"period", "offline_after_periods", "flatline_after", "range_min",
        "range_max"};
    private static final String INSTANT_EXPECTED = "an ISO-8601 time with its offset, such as 2026-11-24T08:00:00Z";

    private ConditionsReader() {
    }

    static ConditionsConfig read(Optional<MappingReader> section, Map<String, SensorConfig> registered) {
        if (section.isEmpty()) {
            return ConditionsConfig.DEFAULT;
        }
        MappingReader conditions = section.get();
        Map<Kind, ConditionLimits> kinds = new EnumMap<>(Kind.class);
        conditions.freeMapping("kinds", "a mapping of kinds to limits").ifPresent(all -> {
            for (Entry entry : all.entries()) {
                Optional<Kind> kind = Kind.byId(entry.key());
                if (kind.isEmpty()) {
                    all.context().problem(entry.keyNode(), all.path(entry.key()), entry.key(), "a kind id");
                    continue;
                }
                all.mapping(entry.key(), LIMIT_KEYS)
                        .flatMap(limits -> limits(limits, ConditionLimits.defaultsFor(kind.get())))
                        .ifPresent(limits -> kinds.put(kind.get(), limits));
            }
        });
        Map<String, ConditionLimits> sensors = new HashMap<>();
        conditions.freeMapping("sensors", "a mapping of sensor ids to limits").ifPresent(all -> {
            for (Entry entry : all.entries()) {
                SensorConfig sensor = registered.get(entry.key());
                if (sensor == null) {
                    all.context().problem(entry.keyNode(), all.path(entry.key()), entry.key(),
                            "the id of a sensor registered under sites");
                    continue;
                }
                ConditionLimits ofKind = kinds.getOrDefault(sensor.kind(), ConditionLimits.INHERIT)
                        .orElse(ConditionLimits.defaultsFor(sensor.kind()));
                all.mapping(entry.key(), LIMIT_KEYS).flatMap(limits -> limits(limits, ofKind))
                        .ifPresent(limits -> sensors.put(entry.key(), limits));
            }
        });
        List<MaintenanceConfig> maintenance = new ArrayList<>();
        for (Item item : conditions.mappings("maintenance", "sensor", "reason", "until")) {
            maintenance(item.reader(), registered).ifPresent(maintenance::add);
        }
        ForecastConfig forecast = conditions.mapping("forecast", "kinds", "smoothing", "window", "min_points",
                "min_velocity", "horizons").flatMap(ConditionsReader::forecast).orElse(ForecastConfig.DEFAULT);
        return new ConditionsConfig(kinds, sensors, maintenance, forecast);
    }

    /** The limits of one mapping; the range is checked together with {@code inherited}, whose gaps it fills. */
    private static Optional<ConditionLimits> limits(MappingReader limits, ConditionLimits inherited) {
        int before = limits.context().problemCount();
        Duration period = limits.duration("period", true).orElse(null);
        int periods = limits.integer("offline_after_periods", 1, 1_000_000).orElse(0);
        Duration flatline = limits.duration("flatline_after", false).orElse(null);
        OptionalDouble min = limits.number("range_min", false);
        OptionalDouble max = limits.number("range_max", false);
        double effectiveMin = min.orElse(inherited.rangeMin());
        double effectiveMax = max.orElse(inherited.rangeMax());
        if ((min.isPresent() || max.isPresent()) && !(effectiveMin < effectiveMax)) {
            String key = max.isPresent() ? "range_max" : "range_min";
            limits.reject(key, "range_min < range_max (here " + effectiveMin + " .. " + effectiveMax + ")");
        }
        if (limits.context().problemCount() != before) {
            return Optional.empty();
        }
        return Optional.of(new ConditionLimits(period, periods, flatline, min.isPresent() ? min.getAsDouble() : null,
                max.isPresent() ? max.getAsDouble() : null));
    }

    private static Optional<MaintenanceConfig> maintenance(MappingReader window, Map<String, SensorConfig> registered) {
        Optional<String> sensor = window.identifier("sensor", true);
        if (sensor.isPresent() && !registered.containsKey(sensor.get())) {
            window.reject("sensor", "the id of a sensor registered under sites");
            sensor = Optional.empty();
        }
        String reason = window.string("reason").orElse(null);
        Optional<Instant> until = Optional.empty();
        if (!window.has("until")) {
            window.missing("until", INSTANT_EXPECTED + " (required)");
        } else {
            until = window.scalar("until", INSTANT_EXPECTED).flatMap(s -> {
                try {
                    return Optional.of(java.time.OffsetDateTime.parse(s.text().trim()).toInstant());
                } catch (DateTimeParseException e) {
                    window.report("until", s, INSTANT_EXPECTED);
                    return Optional.empty();
                }
            });
        }
        if (sensor.isEmpty() || until.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MaintenanceConfig(sensor.get(), reason, until.get()));
    }

    private static Optional<ForecastConfig> forecast(MappingReader forecast) {
        int before = forecast.context().problemCount();
        ForecastConfig defaults = ForecastConfig.DEFAULT;
        Set<Kind> kinds = defaults.kinds();
        Optional<List<String>> kindIds = forecast.strings("kinds", "kind ids");
        if (kindIds.isPresent()) {
            Set<Kind> chosen = EnumSet.noneOf(Kind.class);
            for (String id : kindIds.get()) {
                Kind.byId(id).ifPresentOrElse(chosen::add,
                        () -> forecast.reject("kinds", "a list of kind ids (" + id + " is none)"));
            }
            kinds = chosen;
        }
        Duration smoothing = forecast.duration("smoothing", true).orElse(defaults.smoothing());
        Duration window = forecast.duration("window", true).orElse(defaults.window());
        if (window.compareTo(smoothing) <= 0) {
            forecast.reject("window", "a duration longer than smoothing (" + Durations.format(smoothing) + ")");
        }
        int minPoints = forecast.integer("min_points", 3, 100_000).orElse(defaults.minPoints());
        double minVelocity = forecast.number("min_velocity", false).orElse(defaults.minVelocity());
        if (!(minVelocity > 0)) {
            forecast.reject("min_velocity", "a velocity in mm/day above 0");
        }
        Map<Level, Duration> horizons = defaults.horizons();
        Optional<MappingReader> horizonReader = forecast.mapping("horizons", "blue", "yellow", "orange", "red");
        if (horizonReader.isPresent()) {
            Map<Level, Duration> chosen = new EnumMap<>(Level.class);
            for (Level level : Level.values()) {
                horizonReader.get().duration(level.id(), true).ifPresent(d -> chosen.put(level, d));
            }
            Duration previous = null;
            for (Map.Entry<Level, Duration> entry : chosen.entrySet()) {
                if (previous != null && entry.getValue().compareTo(previous) >= 0) {
                    horizonReader.get().reject(entry.getKey().id(), "a horizon shorter than that of the less severe"
                            + " level (" + Durations.format(previous) + ")");
                }
                previous = entry.getValue();
            }
            if (chosen.isEmpty()) {
                forecast.reject("horizons", "a mapping of at least one level (blue, yellow, orange, red) to a duration");
            }
            horizons = chosen;
        }
        if (forecast.context().problemCount() != before) {
            return Optional.empty();
        }
        return Optional.of(new ForecastConfig(kinds, smoothing, window, minPoints, minVelocity, horizons));
    }
}
