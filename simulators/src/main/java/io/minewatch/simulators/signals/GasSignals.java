package io.minewatch.simulators.signals;

import java.time.Duration;
import java.util.List;

/** Between-incident gas readings of a coal mine with working ventilation, in the kinds' canonical units. */
public final class GasSignals {

    private GasSignals() {
    }

    /**
     * CH4 in % by volume: a baseline that wanders ±0.07 over tens of minutes plus ±0.02 of noise, so a baseline of
     * 0.30 stays within about 0.2–0.4 %, well under the 1.0 % alarm of DOMAIN.md §1.
     */
    public static SignalModel methane(SeededNoise noise, double baselinePercent) {
        if (!(baselinePercent >= 0.1 && baselinePercent <= 0.6)) {
            throw new IllegalArgumentException(
                    "baselinePercent : " + baselinePercent + " (expected: a normal ventilated level, 0.1 to 0.6)");
        }
        return new WanderingLevel(noise, baselinePercent,
                List.of(Drift.of(0.05, Duration.ofMinutes(40)), Drift.of(0.02, Duration.ofMinutes(3))),
                0.02, 0.0, 100.0);
    }

    /** CO in ppm: about 2–8 ppm, under the 24 ppm limit of DOMAIN.md §1. */
    public static SignalModel carbonMonoxide(SeededNoise noise) {
        return new WanderingLevel(noise, 5.0,
                List.of(Drift.of(2.0, Duration.ofMinutes(30)), Drift.of(0.6, Duration.ofMinutes(4))),
                0.4, 0.0, 10_000.0);
    }

    /** O2 in % by volume: about 20.6–20.9 %, never above the 20.95 % of fresh air. */
    public static SignalModel oxygen(SeededNoise noise) {
        return new WanderingLevel(noise, 20.75,
                List.of(Drift.of(0.08, Duration.ofMinutes(45)), Drift.of(0.03, Duration.ofMinutes(5))),
                0.03, 0.0, 20.95);
    }
}
