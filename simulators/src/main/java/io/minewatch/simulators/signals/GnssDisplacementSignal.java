package io.minewatch.simulators.signals;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Cumulative surface displacement of a GNSS point on a dam slope in mm since its installation: steady creep at a
 * given rate, a slow multipath wander of ±0.3 mm and up to ±1.5 mm of solution noise per sample. At 0.5 mm/day the
 * slope is far from the 10 mm/day reference of DOMAIN.md §3.
 *
 * <p>Optionally the creep rate swings with the seasons (wetter months creep faster: the rate is multiplied by
 * {@code 1 + seasonalAmplitude · sin(2π · years since installation)}), and an {@link AcceleratingCreep} phase takes
 * over from its onset: from there the displacement is the position reached at the onset plus the accelerating
 * creep's own, so {@code 1/v} falls linearly to the failure time.
 */
public final class GnssDisplacementSignal implements SignalModel {

    private static final double DAY_MILLIS = Duration.ofDays(1).toMillis();
    private static final double MULTIPATH = 0.3;
    private static final long MULTIPATH_PERIOD = Duration.ofHours(3).toMillis();
    private static final double SOLUTION_NOISE = 1.5;
    private static final double YEAR_MILLIS = Duration.ofDays(365).toMillis();

    private final long installedAtMillis;
    private final double creepMillimetresPerDay;
    private final SeededNoise multipathNoise;
    private final SeededNoise solutionNoise;
    private final double seasonalAmplitude;
    private final Optional<AcceleratingCreep> acceleration;

    /**
     * @param noise                  the point's own noise
     * @param installedAtMillis      when the point was installed: its displacement counts from there
     * @param creepMillimetresPerDay the slope's steady creep rate
     */
    public GnssDisplacementSignal(SeededNoise noise, long installedAtMillis, double creepMillimetresPerDay) {
        this(noise, installedAtMillis, creepMillimetresPerDay, 0.0, Optional.empty());
    }

    /**
     * @param seasonalAmplitude relative swing of the creep rate over a year, 0 (none) to 1
     * @param acceleration      an accelerating-creep phase leading to failure, or empty
     */
    public GnssDisplacementSignal(SeededNoise noise, long installedAtMillis, double creepMillimetresPerDay,
            double seasonalAmplitude, Optional<AcceleratingCreep> acceleration) {
        Objects.requireNonNull(noise, "noise");
        if (!(seasonalAmplitude >= 0 && seasonalAmplitude <= 1)) {
            throw new IllegalArgumentException("seasonalAmplitude : " + seasonalAmplitude + " (expected: 0 to 1)");
        }
        this.seasonalAmplitude = seasonalAmplitude;
        this.acceleration = Objects.requireNonNull(acceleration, "acceleration");
        if (!(Math.abs(creepMillimetresPerDay) <= 1_000)) {
            throw new IllegalArgumentException(
                    "creepMillimetresPerDay : " + creepMillimetresPerDay + " (expected: a finite rate within ±1000)");
        }
        this.installedAtMillis = installedAtMillis;
        this.creepMillimetresPerDay = creepMillimetresPerDay;
        this.multipathNoise = noise.fork(1);
        this.solutionNoise = noise.fork(2);
    }

    public Optional<AcceleratingCreep> acceleration() {
        return acceleration;
    }

    /** Displacement without noise: steady (seasonal) creep, then the accelerating phase from its onset. */
    public double trendAt(long epochMillis) {
        if (acceleration.isPresent() && epochMillis > acceleration.get().onsetMillis()) {
            AcceleratingCreep phase = acceleration.get();
            return steadyCreepAt(phase.onsetMillis()) + phase.displacementAt(epochMillis);
        }
        return steadyCreepAt(epochMillis);
    }

    private double steadyCreepAt(long epochMillis) {
        double elapsed = epochMillis - installedAtMillis;
        double seasonal = seasonalAmplitude * YEAR_MILLIS / (2 * Math.PI)
                * (1 - Math.cos(2 * Math.PI * elapsed / YEAR_MILLIS));
        return creepMillimetresPerDay * (elapsed + seasonal) / DAY_MILLIS;
    }

    @Override
    public double valueAt(long epochMillis) {
        return trendAt(epochMillis)
                + MULTIPATH * multipathNoise.smooth(epochMillis, MULTIPATH_PERIOD)
                + SOLUTION_NOISE * solutionNoise.gaussian(epochMillis);
    }
}
