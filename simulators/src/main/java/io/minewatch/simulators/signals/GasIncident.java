package io.minewatch.simulators.signals;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A scripted gas outburst on top of a baseline: during each incident of its schedule the value swells from the
 * baseline to {@code peak} and back along a sin² curve, then follows the baseline again.
 *
 * <p>With a working-face baseline near 0.3 %, a peak of 1.8 % and a 40 s incident, the value crosses the 1.0 % alarm
 * about 10 s after onset, the 1.5 % power cut about 14 s after onset, falls back under 1.5 % at about 26 s and under
 * 1.0 % at about 30 s (DOMAIN.md §1, coal working face T1). The baseline's noise fades out towards the peak, so at a
 * one-second sampling the thresholds are crossed once each way rather than chattered across.
 */
public final class GasIncident implements SignalModel {

    private final SignalModel baseline;
    private final IncidentSchedule schedule;
    private final double peak;

    public GasIncident(SignalModel baseline, IncidentSchedule schedule, double peak) {
        this.baseline = Objects.requireNonNull(baseline, "baseline");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        if (!(peak >= 0 && peak <= 100)) {
            throw new IllegalArgumentException("peak : " + peak + " (expected: a concentration from 0 to 100 %)");
        }
        this.peak = peak;
    }

    public IncidentSchedule schedule() {
        return schedule;
    }

    public double peak() {
        return peak;
    }

    @Override
    public double valueAt(long epochMillis) {
        double base = baseline.valueAt(epochMillis);
        OptionalDouble progress = schedule.progressAt(epochMillis);
        if (progress.isEmpty()) {
            return base;
        }
        double swell = Math.sin(Math.PI * progress.getAsDouble());
        double weight = swell * swell;
        return base + (peak - base) * weight;
    }
}
