package io.minewatch.simulators.signals;

import java.util.SplittableRandom;

/**
 * Deterministic noise addressed by a key (usually a time or a time bucket) instead of drawn in sequence, so that a
 * model's value at an instant never depends on which instants were asked before. Every draw seeds a fresh
 * {@link SplittableRandom} from the noise's seed and the key; different keys give independent draws.
 */
public final class SeededNoise {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double GAUSSIAN_CUTOFF = 3.0;

    private final long seedHash;

    public SeededNoise(long seed) {
        this.seedHash = new SplittableRandom(seed).nextLong();
    }

    /** An independent noise stream for one use (one sensor, one octave), derived from this one and {@code salt}. */
    public SeededNoise fork(long salt) {
        return new SeededNoise(at(salt ^ 0x5DEECE66DL).nextLong());
    }

    /** A generator seeded from this noise and {@code key}, for models that need several draws for one key. */
    public SplittableRandom at(long key) {
        // Multiplying by an odd constant and xor-ing are bijections: distinct keys never share a generator seed.
        return new SplittableRandom(seedHash ^ (key * GOLDEN_GAMMA));
    }

    /** Uniform in [0, 1). */
    public double uniform(long key) {
        return at(key).nextDouble();
    }

    /**
     * Gaussian with standard deviation 1/3, truncated to [-1, 1]: measurement noise that looks Gaussian but is
     * bounded, so that {@code amplitude * gaussian(key)} never strays further than {@code amplitude} and a model's
     * plausible range can be stated and tested.
     */
    public double gaussian(long key) {
        SplittableRandom random = at(key);
        double g;
        do {
            g = random.nextGaussian();
        } while (Math.abs(g) > GAUSSIAN_CUTOFF);
        return g / GAUSSIAN_CUTOFF;
    }

    /**
     * Value noise in [-1, 1] that changes smoothly with time: random values at every {@code periodMillis}, joined by
     * a smoothstep curve. Used for slow drifts that a real sensor shows between its noisy samples.
     */
    public double smooth(long epochMillis, long periodMillis) {
        if (periodMillis <= 0) {
            throw new IllegalArgumentException("periodMillis : " + periodMillis + " (expected: > 0)");
        }
        long cell = Math.floorDiv(epochMillis, periodMillis);
        double fraction = (double) (epochMillis - cell * periodMillis) / periodMillis;
        double from = 2 * uniform(cell) - 1;
        double to = 2 * uniform(cell + 1) - 1;
        double eased = fraction * fraction * (3 - 2 * fraction);
        return from + (to - from) * eased;
    }
}
