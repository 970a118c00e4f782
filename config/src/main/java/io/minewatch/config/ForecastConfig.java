package io.minewatch.config;

import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The slope failure forecast ({@code conditions.forecast}): the inverse-velocity method of DOMAIN.md §3 applied to
 * displacement sensors.
 *
 * @param kinds             kinds whose sensors are forecast (their values are cumulative displacements in mm)
 * @param smoothing         velocity is measured over at least this span of readings, which smooths it
 * @param window            the line is fitted to the inverse velocities of this last stretch of time
 * @param minPoints         fewest velocities a fit needs
 * @param minVelocity       below this velocity (mm/day) there is no forecast: creep too slow to extrapolate
 * @param horizons          the level of the forecast alarm by how close the forecast failure time is: the most severe
 *                          level whose horizon the remaining time is within
 */
public record ForecastConfig(Set<Kind> kinds, Duration smoothing, Duration window, int minPoints, double minVelocity,
        Map<Level, Duration> horizons) {

    /*
     * Windows sized for the ≥ 1 reading per 30 min that GB 51108 requires in an abnormal state (DOMAIN.md §2
     * line 54): 6 h of smoothing spans 12 readings, a 48 h window holds ~90 velocities. Horizons as asked in issue 4:
     * orange within 48 h, red within 12 h. 1 mm/day is a tenth of the 10 mm/day reference rate of DOMAIN.md §3
     * line 64: slower creep is within GNSS noise over a day.
     */
    public static final ForecastConfig DEFAULT = new ForecastConfig(
            EnumSet.of(Kind.DISPLACEMENT, Kind.INTERNAL_DISPLACEMENT, Kind.CRACK_WIDTH), Duration.ofHours(6),
            Duration.ofHours(48), 6, 1.0, Map.of(Level.ORANGE, Duration.ofHours(48), Level.RED, Duration.ofHours(12)));

    public ForecastConfig {
        kinds = Collections.unmodifiableSet(kinds.isEmpty() ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(kinds));
        Objects.requireNonNull(smoothing, "smoothing");
        Objects.requireNonNull(window, "window");
        if (smoothing.isNegative() || smoothing.isZero()) {
            throw new IllegalArgumentException("smoothing : " + smoothing + " (expected: > 0)");
        }
        if (window.compareTo(smoothing) <= 0) {
            throw new IllegalArgumentException("window : " + window + " (expected: longer than smoothing "
                    + smoothing + ")");
        }
        if (minPoints < 3) {
            throw new IllegalArgumentException("minPoints : " + minPoints + " (expected: >= 3)");
        }
        if (!(minVelocity > 0) || !Double.isFinite(minVelocity)) {
            throw new IllegalArgumentException("minVelocity : " + minVelocity + " (expected: a number > 0)");
        }
        if (horizons.isEmpty()) {
            throw new IllegalArgumentException("horizons : {} (expected: at least one level)");
        }
        Map<Level, Duration> copy = new EnumMap<>(horizons);
        Duration previous = null;
        for (Map.Entry<Level, Duration> entry : copy.entrySet()) {
            if (entry.getValue().isNegative() || entry.getValue().isZero()) {
                throw new IllegalArgumentException("horizons." + entry.getKey().id() + " : " + entry.getValue()
                        + " (expected: > 0)");
            }
            if (previous != null && entry.getValue().compareTo(previous) >= 0) {
                throw new IllegalArgumentException("horizons." + entry.getKey().id() + " : " + entry.getValue()
                        + " (expected: shorter than the horizon of the less severe level, " + previous + ")");
            }
            previous = entry.getValue();
        }
        horizons = Collections.unmodifiableMap(copy);
    }
}
