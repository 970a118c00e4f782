package io.minewatch.gateway.history;

import java.time.Duration;

/**
 * How a history is returned: raw readings, or aggregated per step. An aggregated history covers whole steps: its
 * period is widened to the step grid ({@code from} rounded down, {@code to} up), so that every point aggregates a
 * full step, the same from every store and resolution.
 *
 * @param stepMillis 0 for raw
 * @param automatic  true when the step was chosen by {@link StepPolicy}, not asked for
 */
public record Resolution(long stepMillis, boolean automatic) {

    public Resolution {
        if (stepMillis < 0) {
            throw new IllegalArgumentException("stepMillis : " + stepMillis + " (expected: >= 0, 0 for raw)");
        }
    }

    public static Resolution raw(boolean automatic) {
        return new Resolution(0, automatic);
    }

    public boolean isRaw() {
        return stepMillis == 0;
    }

    public Duration step() {
        return isRaw() ? null : Duration.ofMillis(stepMillis);
    }

    public long alignFrom(long fromMillis) {
        return isRaw() ? fromMillis : Math.floorDiv(fromMillis, stepMillis) * stepMillis;
    }

    public long alignTo(long toMillis) {
        return isRaw() ? toMillis : -Math.floorDiv(-toMillis, stepMillis) * stepMillis;
    }
}
