package io.minewatch.gateway.storage;

import io.minewatch.collectors.Reading;
import io.minewatch.config.quantity.Kind;
import io.minewatch.gateway.alarms.AlarmEvent;
import java.time.Duration;
import java.util.List;

/**
 * A durable home for readings and alarm events: InfluxDB, or the embedded local store. Writes are idempotent: writing
 * a reading twice (same sensor, same timestamp) leaves one point. Implementations are used from one writer thread
 * and from query threads.
 */
public interface TimeSeriesStore extends AutoCloseable {

    /** A short name for logs, health and metrics, e.g. {@code influxdb} or {@code local}. */
    String name();

    /**
     * Writes a batch durably; returns only when it is stored.
     *
     * @throws StoreUnavailableException when the store cannot be reached (the batch should be retried)
     * @throws StoreRejectedException    when the store refused the batch as invalid (retrying will not help)
     */
    void write(List<Reading> readings, List<AlarmEvent> events) throws StoreUnavailableException, StoreRejectedException;

    /**
     * Readings of one sensor (of the given kind, which is the InfluxDB measurement) in {@code [fromMillis, toMillis)},
     * oldest first. With {@code step} null, raw points; with a step, one point per non-empty step holding the mean,
     * min, max, last and count of the readings in it, stamped with the step's start.
     */
    List<HistoryPoint> history(Kind kind, String sensor, long fromMillis, long toMillis, Duration step)
            throws StoreUnavailableException;

    /**
     * Alarm events whose reading (the one that caused them) falls in {@code [fromMillis, toMillis)}, oldest reading
     * first, optionally of one sensor (null: all). An event is stored under its cause (sensor, rule, transition,
     * reading time): writing an event of the same cause again, even with another id, leaves one, the later.
     */
    List<AlarmEvent> alarmEvents(String sensor, long fromMillis, long toMillis) throws StoreUnavailableException;

    /** True when the last contact with the store succeeded. */
    boolean isReachable();

    @Override
    void close();
}
