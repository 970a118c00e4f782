package io.minewatch.gateway.rules;

import io.minewatch.config.rules.Signal;
import java.time.Duration;

/**
 * The samples behind one rate signal: {@code (v_last - v_first) / (t_last - t_first) * per} over the last
 * {@code window} of reading time.
 *
 * <p>Memory is bounded whatever the reading frequency: a sample is kept only when it lies at least {@code window/64}
 * after the previous kept one, so at most {@value #MAX_SAMPLES} samples fall inside a window; the newest reading is
 * always {@code v_last} even when it is not kept. The arrays start small and grow to that bound, because most rate
 * sensors (displacement, water level) report every few minutes. A reading not newer than the newest one seen is
 * ignored, so duplicates and reordering never divide by zero or reverse the sign of a rate.
 */
final class RateWindow {

    static final int MAX_SAMPLES = 65;
    private static final int INITIAL_CAPACITY = 4;

    private final long windowMillis;
    private final long spacingMillis;
    private final long minSpanMillis;
    private final double perMillis;
    private long[] times = new long[INITIAL_CAPACITY];
    private double[] values = new double[INITIAL_CAPACITY];
    private int head;
    private int size;
    private long newestMillis = Long.MIN_VALUE;

    RateWindow(Signal signal) {
        if (signal.type() != Signal.Type.RATE) {
            throw new IllegalArgumentException("signal : " + signal.type() + " (expected: RATE)");
        }
        windowMillis = Math.max(1, millis(signal.window()));
        spacingMillis = Math.max(1, windowMillis / 64 + (windowMillis % 64 == 0 ? 0 : 1));
        minSpanMillis = Math.max(1, windowMillis / 2);
        perMillis = millis(signal.per());
    }

    /**
     * Takes a reading and returns the rate it gives, or NaN when there is none: the reading is not newer than the
     * newest one seen, or the samples do not yet span half a window.
     */
    double add(long timestampMillis, double value) {
        if (timestampMillis <= newestMillis) {
            return Double.NaN;
        }
        newestMillis = timestampMillis;
        while (size > 0 && timestampMillis - times[head] > windowMillis) {
            head = (head + 1) % times.length;
            size--;
        }
        if (size == 0 || timestampMillis - times[(head + size - 1) % times.length] >= spacingMillis) {
            keep(timestampMillis, value);
        }
        long span = timestampMillis - times[head];
        if (span < minSpanMillis) {
            return Double.NaN;
        }
        double rate = (value - values[head]) / span * perMillis;
        return Double.isFinite(rate) ? rate : Double.NaN;
    }

    int retainedSamples() {
        return size;
    }

    int capacity() {
        return times.length;
    }

    private void keep(long timestampMillis, double value) {
        if (size == times.length) {
            if (times.length < MAX_SAMPLES) {
                grow();
            } else {
                // Cannot happen with the spacing above; kept so that memory stays bounded whatever the arithmetic.
                head = (head + 1) % times.length;
                size--;
            }
        }
        int tail = (head + size) % times.length;
        times[tail] = timestampMillis;
        values[tail] = value;
        size++;
    }

    private void grow() {
        int capacity = Math.min(MAX_SAMPLES, times.length * 2);
        long[] newTimes = new long[capacity];
        double[] newValues = new double[capacity];
        for (int i = 0; i < size; i++) {
            int from = (head + i) % times.length;
            newTimes[i] = times[from];
            newValues[i] = values[from];
        }
        times = newTimes;
        values = newValues;
        head = 0;
    }

    static long millis(Duration duration) {
        try {
            return duration.toMillis();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
