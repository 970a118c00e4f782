package io.minewatch.config;

import io.minewatch.config.quantity.Kind;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * How the sensor-condition checks judge one sensor or kind ({@code conditions.kinds.<kind>} and
 * {@code conditions.sensors.<id>}): when it counts as offline, as flatlined, and which values it can physically
 * report. A field left null (or 0 for {@code offlineAfterPeriods}) is taken from the next level: sensor, then kind,
 * then {@link #defaultsFor(Kind)}.
 *
 * @param period              how often the sensor reports
 * @param offlineAfterPeriods periods without a reading after which the sensor is offline
 * @param flatlineAfter       how long a value exactly constant makes the sensor flatlined; {@link Duration#ZERO}
 *                            turns the check off
 * @param rangeMin            lowest value the sensor can report, in the kind's canonical unit
 * @param rangeMax            highest value the sensor can report, in the kind's canonical unit
 */
public record ConditionLimits(Duration period, int offlineAfterPeriods, Duration flatlineAfter, Double rangeMin,
        Double rangeMax) {

    /** Nothing set: everything inherited. */
    public static final ConditionLimits INHERIT = new ConditionLimits(null, 0, null, null, null);

    /*
     * DOMAIN.md §1 line 33: a coal-mine monitoring system polls every sensor at least every 10 s. Three periods, as
     * for SensorFaultPolicy: 30 s, within the 40 s of data loss DOMAIN.md §1 line 34 allows on a fault.
     */
    private static final Duration MINE_PERIOD = Duration.ofSeconds(10);
    /*
     * DOMAIN.md §2 line 53: tailings-pond and slope sampling lies between 1 per 10 min and 1 per 24 h; the fastest
     * rate is the default so that an offline sensor is never noticed late. A site sampling slower sets its period.
     */
    private static final Duration POND_PERIOD = Duration.ofMinutes(10);
    private static final int OFFLINE_AFTER_PERIODS = 3;
    /*
     * A live analog gas or dust channel polled every 10 s changes its last digit within a day; 8,640 identical
     * readings in a row mean a frozen sensor or converter. Pond, slope and rainfall values legitimately stay the same
     * for days (no rain, no movement at the gauge's resolution), so the check is off for them unless a site sets it.
     */
    private static final Duration GAS_FLATLINE = Duration.ofHours(24);
    private static final Set<Kind> MINE_KINDS = EnumSet.of(Kind.CH4, Kind.CO, Kind.O2, Kind.H2S, Kind.CO2, Kind.NO2,
            Kind.SO2, Kind.NH3, Kind.DUST, Kind.SUMP_LEVEL);
    private static final Set<Kind> FLATLINE_KINDS = EnumSet.of(Kind.CH4, Kind.CO, Kind.O2, Kind.H2S, Kind.CO2,
            Kind.NO2, Kind.SO2, Kind.NH3, Kind.DUST);

    public ConditionLimits {
        if (period != null && (period.isNegative() || period.isZero())) {
            throw new IllegalArgumentException("period : " + period + " (expected: > 0)");
        }
        if (offlineAfterPeriods < 0) {
            throw new IllegalArgumentException("offlineAfterPeriods : " + offlineAfterPeriods + " (expected: >= 0)");
        }
        if (flatlineAfter != null && flatlineAfter.isNegative()) {
            throw new IllegalArgumentException("flatlineAfter : " + flatlineAfter + " (expected: >= 0)");
        }
        if (rangeMin != null && rangeMax != null && !(rangeMin < rangeMax)) {
            throw new IllegalArgumentException("range : " + rangeMin + ".." + rangeMax + " (expected: min < max)");
        }
    }

    /**
     * The built-in limits of a kind, every field set: the period above, offline after 3 periods, flatline after 24 h
     * for gas and dust (off for other kinds), and the kind's physical range ({@link Kind#physicalMin()}), so that by
     * default no value a real sensor could report is ever kept from the threshold rules.
     */
    public static ConditionLimits defaultsFor(Kind kind) {
        return new ConditionLimits(MINE_KINDS.contains(kind) ? MINE_PERIOD : POND_PERIOD, OFFLINE_AFTER_PERIODS,
                FLATLINE_KINDS.contains(kind) ? GAS_FLATLINE : Duration.ZERO, kind.physicalMin(), kind.physicalMax());
    }

    /** These limits with every unset field taken from {@code fallback}. */
    public ConditionLimits orElse(ConditionLimits fallback) {
        return new ConditionLimits(period != null ? period : fallback.period,
                offlineAfterPeriods != 0 ? offlineAfterPeriods : fallback.offlineAfterPeriods,
                flatlineAfter != null ? flatlineAfter : fallback.flatlineAfter,
                rangeMin != null ? rangeMin : fallback.rangeMin, rangeMax != null ? rangeMax : fallback.rangeMax);
    }

    /** How long without a reading makes the sensor offline: period × offlineAfterPeriods. */
    public Duration offlineAfter() {
        return period.multipliedBy(offlineAfterPeriods);
    }
}
