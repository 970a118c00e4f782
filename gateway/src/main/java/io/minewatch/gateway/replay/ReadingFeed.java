package io.minewatch.gateway.replay;

import io.minewatch.collectors.Reading;
import io.minewatch.gateway.history.HistorySource;
import io.minewatch.gateway.history.ReadingSink;
import io.minewatch.gateway.history.SensorSeries;
import io.minewatch.gateway.storage.StoreUnavailableException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The raw readings of several sensors in one time order, as they arrived: read window by window from a
 * {@link HistorySource} and merged, so at most one window ({@link #MAX_WINDOW_POINTS} readings at one reading a
 * second per sensor) is held at a time. Each reading is marked registered when the configuration knows its sensor,
 * since that decides which rules apply.
 */
public final class ReadingFeed {

    static final long MAX_WINDOW_POINTS = 100_000;
    private static final long MIN_WINDOW_MILLIS = 10_000;
    private static final long MAX_WINDOW_MILLIS = 3_600_000;

    private final HistorySource source;
    private final Predicate<String> registered;

    public ReadingFeed(HistorySource source, Predicate<String> registered) {
        this.source = Objects.requireNonNull(source, "source");
        this.registered = Objects.requireNonNull(registered, "registered");
    }

    public void forEach(List<SensorSeries> sensors, long fromMillis, long toMillis, ReadingSink sink)
            throws StoreUnavailableException, IOException {
        long window = Math.max(MIN_WINDOW_MILLIS,
                Math.min(MAX_WINDOW_MILLIS, MAX_WINDOW_POINTS * 1_000 / Math.max(1, sensors.size())));
        Comparator<Reading> order = Comparator.comparingLong(Reading::timestampMillis);
        for (long start = fromMillis; start < toMillis; start += window) {
            long end = Math.min(toMillis, start + window);
            List<Reading> merged = new ArrayList<>();
            for (SensorSeries series : sensors) {
                boolean known = registered.test(series.sensor());
                source.raw(series, start, end, reading -> merged.add(known == reading.registered() ? reading
                        : new Reading(reading.site(), reading.sensor(), reading.kind(), reading.value(),
                                reading.timestampMillis(), reading.quality(), known, reading.receivedAtMillis())));
            }
            merged.sort(order);   // stable: readings of one time keep the order of the sensors asked for
            for (Reading reading : merged) {
                sink.accept(reading);
            }
        }
    }
}
