package io.minewatch.simulators.signals;

import java.util.Objects;

/**
 * A fire developing behind a coal face (spontaneous combustion of left-behind coal, or a belt fire): from
 * {@code onsetMillis} its intensity grows exponentially over {@code developMillis} to its full size and stays there.
 * The same intensity drives both gases, so they are correlated as in a real fire: CO rises by up to
 * {@code peakCoPpm} over its baseline while O2 falls by up to {@code oxygenDropPercent} (the fire consumes it).
 */
public final class Combustion {

    // Growth rate over the development: e^4 ≈ 55, most of the rise comes in the last third, as in a heating.
    private static final double GROWTH = 4.0;

    private final long onsetMillis;
    private final long developMillis;
    private final double peakCoPpm;
    private final double oxygenDropPercent;

    public Combustion(long onsetMillis, long developMillis, double peakCoPpm, double oxygenDropPercent) {
        if (developMillis <= 0) {
            throw new IllegalArgumentException("developMillis : " + developMillis + " (expected: > 0)");
        }
        if (!(peakCoPpm > 0 && peakCoPpm <= 10_000)) {
            throw new IllegalArgumentException("peakCoPpm : " + peakCoPpm + " (expected: above 0, up to 10000 ppm)");
        }
        if (!(oxygenDropPercent >= 0 && oxygenDropPercent <= 20)) {
            throw new IllegalArgumentException(
                    "oxygenDropPercent : " + oxygenDropPercent + " (expected: 0 to 20 % by volume)");
        }
        this.onsetMillis = onsetMillis;
        this.developMillis = developMillis;
        this.peakCoPpm = peakCoPpm;
        this.oxygenDropPercent = oxygenDropPercent;
    }

    /** 0 before the onset, rising to 1 at the end of the development, 1 after. */
    public double intensityAt(long epochMillis) {
        if (epochMillis <= onsetMillis) {
            return 0.0;
        }
        double progress = Math.min(1.0, (double) (epochMillis - onsetMillis) / developMillis);
        return Math.expm1(GROWTH * progress) / Math.expm1(GROWTH);
    }

    /** CO in ppm: {@code baseline} plus the fire's share. */
    public SignalModel carbonMonoxide(SignalModel baseline) {
        Objects.requireNonNull(baseline, "baseline");
        return t -> baseline.valueAt(t) + peakCoPpm * intensityAt(t);
    }

    /** O2 in % by volume: {@code baseline} minus what the fire consumes, never below 0. */
    public SignalModel oxygen(SignalModel baseline) {
        Objects.requireNonNull(baseline, "baseline");
        return t -> Math.max(0.0, baseline.valueAt(t) - oxygenDropPercent * intensityAt(t));
    }
}
