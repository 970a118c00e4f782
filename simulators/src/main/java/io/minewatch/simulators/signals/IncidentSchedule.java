package io.minewatch.simulators.signals;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * When a repeating incident happens: the first one starts at {@code firstOnsetMillis}, the next ones every
 * {@code periodMillis}, each lasting {@code durationMillis}. Nothing happens before the first onset.
 */
public record IncidentSchedule(long firstOnsetMillis, long periodMillis, long durationMillis) {

    public IncidentSchedule {
        if (periodMillis <= 0) {
            throw new IllegalArgumentException("periodMillis : " + periodMillis + " (expected: > 0)");
        }
        if (durationMillis <= 0 || durationMillis > periodMillis) {
            throw new IllegalArgumentException(
                    "durationMillis : " + durationMillis + " (expected: > 0 and <= periodMillis " + periodMillis + ")");
        }
    }

    /** An incident {@code firstOnsetAfter} after {@code start}, then every {@code period}, each lasting {@code duration}. */
    public static IncidentSchedule every(Instant start, Duration firstOnsetAfter, Duration period, Duration duration) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(firstOnsetAfter, "firstOnsetAfter");
        if (firstOnsetAfter.isNegative()) {
            throw new IllegalArgumentException("firstOnsetAfter : " + firstOnsetAfter + " (expected: >= 0)");
        }
        return new IncidentSchedule(start.plus(firstOnsetAfter).toEpochMilli(), period.toMillis(), duration.toMillis());
    }

    /** The same schedule {@code lag} later: how an incident reaches a sensor further downwind. */
    public IncidentSchedule delayedBy(Duration lag) {
        return new IncidentSchedule(firstOnsetMillis + lag.toMillis(), periodMillis, durationMillis);
    }

    /** How far into an incident {@code epochMillis} is, from 0 (onset) to 1 (end); empty between incidents. */
    public OptionalDouble progressAt(long epochMillis) {
        if (epochMillis < firstOnsetMillis) {
            return OptionalDouble.empty();
        }
        long sinceOnset = (epochMillis - firstOnsetMillis) % periodMillis;
        if (sinceOnset >= durationMillis) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((double) sinceOnset / durationMillis);
    }

    /** The onset of the {@code n}-th incident, counting from 0. */
    public long onsetMillis(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n : " + n + " (expected: >= 0)");
        }
        return firstOnsetMillis + n * periodMillis;
    }
}
