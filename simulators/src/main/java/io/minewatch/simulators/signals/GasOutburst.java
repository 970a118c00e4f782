package io.minewatch.simulators.signals;

import java.util.Objects;

/**
 * A sudden coal-and-gas outburst at one instant: CH4 climbs from the baseline to {@code peak} within
 * {@code riseMillis} (a smoothstep: seconds for a real outburst), then the ventilation carries it off exponentially
 * with time constant {@code decayMillis}. Before the onset the value is the baseline, unchanged.
 */
public final class GasOutburst implements SignalModel {

    private final SignalModel baseline;
    private final long onsetMillis;
    private final double peak;
    private final long riseMillis;
    private final long decayMillis;

    public GasOutburst(SignalModel baseline, long onsetMillis, double peak, long riseMillis, long decayMillis) {
        this.baseline = Objects.requireNonNull(baseline, "baseline");
        if (!(peak > 0 && peak <= 100)) {
            throw new IllegalArgumentException("peak : " + peak + " (expected: a concentration above 0, up to 100 %)");
        }
        if (riseMillis <= 0) {
            throw new IllegalArgumentException("riseMillis : " + riseMillis + " (expected: > 0)");
        }
        if (decayMillis <= 0) {
            throw new IllegalArgumentException("decayMillis : " + decayMillis + " (expected: > 0)");
        }
        this.onsetMillis = onsetMillis;
        this.peak = peak;
        this.riseMillis = riseMillis;
        this.decayMillis = decayMillis;
    }

    /** The share of the outburst's excess present at {@code epochMillis}: 0 before the onset, 1 at the peak. */
    public double weightAt(long epochMillis) {
        long since = epochMillis - onsetMillis;
        if (since < 0) {
            return 0.0;
        }
        if (since < riseMillis) {
            double x = (double) since / riseMillis;
            return x * x * (3 - 2 * x);
        }
        return Math.exp(-(double) (since - riseMillis) / decayMillis);
    }

    @Override
    public double valueAt(long epochMillis) {
        double base = baseline.valueAt(epochMillis);
        double weight = weightAt(epochMillis);
        if (weight == 0.0 || Double.isNaN(base)) {
            return base;
        }
        return base + (Math.max(peak, base) - base) * weight;
    }
}
