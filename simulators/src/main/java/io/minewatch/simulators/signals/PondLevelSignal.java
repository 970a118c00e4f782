package io.minewatch.simulators.signals;

import java.time.Duration;
import java.util.Objects;

/**
 * A tailings pond's water level in m on a gauge whose design flood level is 10.0, resting around 7.5 and answering
 * rain with a lag. Every interval of rain raises the level along a unit hydrograph: the catchment's runoff fills the
 * pond over a few hours (time constant 1.5 h) and the decant drains it again over about a day (24 h), so a shower's
 * effect peaks some 4.4 hours after it falls. Each mm of rain adds up to 2 cm at that peak.
 */
public final class PondLevelSignal implements SignalModel {

    private static final double RESTING_LEVEL = 7.4;
    private static final double METRES_PER_MM = 0.02;
    private static final double FILL_HOURS = 1.5;
    private static final double DRAIN_HOURS = 24.0;
    private static final long MEMORY_MILLIS = Duration.ofDays(5).toMillis();
    private static final double HOUR_MILLIS = Duration.ofHours(1).toMillis();
    private static final double GAUGE_NOISE = 0.01;
    private static final double DRIFT = 0.03;
    private static final long DRIFT_PERIOD = Duration.ofHours(12).toMillis();

    private final Rainfall rainfall;
    private final SeededNoise driftNoise;
    private final SeededNoise gaugeNoise;

    public PondLevelSignal(SeededNoise noise, Rainfall rainfall) {
        Objects.requireNonNull(noise, "noise");
        this.rainfall = Objects.requireNonNull(rainfall, "rainfall");
        this.driftNoise = noise.fork(1);
        this.gaugeNoise = noise.fork(2);
    }

    public Rainfall rainfall() {
        return rainfall;
    }

    @Override
    public double valueAt(long epochMillis) {
        return RESTING_LEVEL
                + DRIFT * driftNoise.smooth(epochMillis, DRIFT_PERIOD)
                + rainResponseAt(epochMillis)
                + GAUGE_NOISE * gaugeNoise.gaussian(epochMillis);
    }

    /** How far the rain of the past days has lifted the level at {@code epochMillis}, in m, without gauge noise. */
    public double rainResponseAt(long epochMillis) {
        double rise = 0;
        for (RainfallSignal.Shower shower : rainfall.showersBetween(epochMillis - MEMORY_MILLIS, epochMillis)) {
            for (int i = 0; i < shower.intervals(); i++) {
                long since = epochMillis - shower.midpointMillis(i);
                if (since > 0) {
                    rise += shower.millimetresIn(i) * METRES_PER_MM * hydrograph(since / HOUR_MILLIS);
                }
            }
        }
        return rise;
    }

    /** Fraction of a mm's full rise present {@code hours} after it fell: 0 at first, about 0.78 at its peak. */
    private static double hydrograph(double hours) {
        return Math.exp(-hours / DRAIN_HOURS) - Math.exp(-hours / FILL_HOURS);
    }
}
