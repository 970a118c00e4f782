package io.minewatch.gateway.storage;

/**
 * One point of a history: a raw reading ({@code min == max == mean == last == value}, {@code count == 1}) or the
 * aggregate of one step, stamped with the step's start.
 */
public record HistoryPoint(long timestampMillis, double mean, double min, double max, double last, long count) {

    public static HistoryPoint raw(long timestampMillis, double value) {
        return new HistoryPoint(timestampMillis, value, value, value, value, 1);
    }
}
