package io.minewatch.simulators.signals;

import java.time.Duration;
import java.util.Objects;

/**
 * The phreatic line's burial depth below the dam crest in m, around 7.2. Seepage carries a rise of the pond into the
 * dam half a day later, and the line rises with it: the depth falls by 0.6 m for every metre the rain lifted the pond
 * twelve hours earlier. A lower depth is the dangerous direction (DOMAIN.md §2, GB 51108-2015 §8.3).
 */
public final class PhreaticLineSignal implements SignalModel {

    private static final double RESTING_DEPTH = 7.2;
    private static final double DEPTH_PER_POND_METRE = 0.6;
    private static final long SEEPAGE_LAG_MILLIS = Duration.ofHours(12).toMillis();
    private static final double DRIFT = 0.1;
    private static final long DRIFT_PERIOD = Duration.ofDays(1).toMillis();
    private static final double PIEZOMETER_NOISE = 0.01;

    private final PondLevelSignal pond;
    private final SeededNoise driftNoise;
    private final SeededNoise piezometerNoise;

    public PhreaticLineSignal(SeededNoise noise, PondLevelSignal pond) {
        Objects.requireNonNull(noise, "noise");
        this.pond = Objects.requireNonNull(pond, "pond");
        this.driftNoise = noise.fork(1);
        this.piezometerNoise = noise.fork(2);
    }

    @Override
    public double valueAt(long epochMillis) {
        double depth = RESTING_DEPTH
                - DEPTH_PER_POND_METRE * pond.rainResponseAt(epochMillis - SEEPAGE_LAG_MILLIS)
                + DRIFT * driftNoise.smooth(epochMillis, DRIFT_PERIOD)
                + PIEZOMETER_NOISE * piezometerNoise.gaussian(epochMillis);
        return Math.max(0.0, depth);
    }
}
