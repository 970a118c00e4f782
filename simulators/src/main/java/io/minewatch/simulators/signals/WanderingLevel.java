package io.minewatch.simulators.signals;

import java.util.List;
import java.util.Objects;

/**
 * A level that wanders slowly around its mean and carries bounded measurement noise, kept inside physical limits:
 * the shape of most gas readings between incidents. Each drift uses its own noise stream.
 */
public final class WanderingLevel implements SignalModel {

    private final double mean;
    private final List<Drift> drifts;
    private final SeededNoise[] driftNoise;
    private final SeededNoise measurementNoise;
    private final double noiseAmplitude;
    private final double floor;
    private final double ceiling;

    /**
     * @param noise          the sensor's own noise; forked for each drift and for the measurement noise
     * @param mean           the level the signal wanders around
     * @param drifts         slow wanders added to the mean, each at most its amplitude either side
     * @param noiseAmplitude the largest deviation of one sample's measurement noise
     * @param floor          physical lower limit (0 for a concentration)
     * @param ceiling        physical upper limit
     */
    public WanderingLevel(SeededNoise noise, double mean, List<Drift> drifts, double noiseAmplitude, double floor,
            double ceiling) {
        Objects.requireNonNull(noise, "noise");
        this.drifts = List.copyOf(Objects.requireNonNull(drifts, "drifts"));
        requireFinite("mean", mean);
        requireFinite("noiseAmplitude", noiseAmplitude);
        requireFinite("floor", floor);
        requireFinite("ceiling", ceiling);
        if (noiseAmplitude < 0) {
            throw new IllegalArgumentException("noiseAmplitude : " + noiseAmplitude + " (expected: >= 0)");
        }
        if (floor > ceiling) {
            throw new IllegalArgumentException("floor : " + floor + " (expected: <= ceiling " + ceiling + ")");
        }
        this.mean = mean;
        this.noiseAmplitude = noiseAmplitude;
        this.floor = floor;
        this.ceiling = ceiling;
        this.driftNoise = new SeededNoise[this.drifts.size()];
        for (int i = 0; i < driftNoise.length; i++) {
            driftNoise[i] = noise.fork(i + 1);
        }
        this.measurementNoise = noise.fork(0);
    }

    @Override
    public double valueAt(long epochMillis) {
        double value = mean;
        for (int i = 0; i < driftNoise.length; i++) {
            Drift drift = drifts.get(i);
            value += drift.amplitude() * driftNoise[i].smooth(epochMillis, drift.period().toMillis());
        }
        value += noiseAmplitude * measurementNoise.gaussian(epochMillis);
        return Math.max(floor, Math.min(ceiling, value));
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " : " + value + " (expected: a finite number)");
        }
    }
}
