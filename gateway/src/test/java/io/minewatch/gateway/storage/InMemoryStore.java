package io.minewatch.gateway.storage;

import io.minewatch.collectors.Reading;
import io.minewatch.config.quantity.Kind;
import io.minewatch.gateway.alarms.AlarmEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link TimeSeriesStore} in memory for the writer's tests, keyed like the real stores (a reading by sensor and
 * time, an event by id). It can be told to be unavailable for some writes, to refuse points of given sensors (all
 * of the write, like SQLite, or only those, like an InfluxDB partial write), and to hold a write until released.
 */
final class InMemoryStore implements TimeSeriesStore {

    final Map<String, Reading> readings = new ConcurrentHashMap<>();
    final Map<String, AlarmEvent> events = new ConcurrentHashMap<>();
    /** Sizes of the writes the store took (not the failed attempts), in order. */
    final List<Integer> acceptedWriteSizes = new CopyOnWriteArrayList<>();
    final AtomicInteger attempts = new AtomicInteger();
    final AtomicInteger unavailableWritesLeft = new AtomicInteger();
    final Set<String> refusedSensors = ConcurrentHashMap.newKeySet();
    volatile boolean down;
    volatile boolean partialWrites;
    volatile CountDownLatch gate;

    static String key(Reading reading) {
        return reading.sensor() + "@" + reading.timestampMillis();
    }

    boolean holds(Reading reading) {
        return readings.containsKey(key(reading));
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public void write(List<Reading> batch, List<AlarmEvent> eventBatch)
            throws StoreUnavailableException, StoreRejectedException {
        attempts.incrementAndGet();
        CountDownLatch waitFor = gate;
        if (waitFor != null) {
            try {
                if (!waitFor.await(10, TimeUnit.SECONDS)) {
                    throw new StoreUnavailableException("gate never opened", null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreUnavailableException("interrupted", e);
            }
        }
        if (down || unavailableWritesLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw new StoreUnavailableException("connection refused", null);
        }
        List<Reading> refused = batch.stream().filter(r -> refusedSensors.contains(r.sensor())).toList();
        List<AlarmEvent> refusedEvents = eventBatch.stream().filter(e -> refusedSensors.contains(e.sensor())).toList();
        if (!refused.isEmpty() || !refusedEvents.isEmpty()) {
            if (partialWrites) {
                batch.stream().filter(r -> !refused.contains(r)).forEach(r -> readings.put(key(r), r));
                eventBatch.stream().filter(e -> !refusedEvents.contains(e)).forEach(e -> events.put(e.id(), e));
            }
            throw new StoreRejectedException("partial write: field type conflict dropped="
                    + (refused.size() + refusedEvents.size()), null);
        }
        batch.forEach(r -> readings.put(key(r), r));
        eventBatch.forEach(e -> events.put(e.id(), e));
        acceptedWriteSizes.add(batch.size() + eventBatch.size());
    }

    @Override
    public List<HistoryPoint> history(Kind kind, String sensor, long fromMillis, long toMillis, Duration step) {
        if (step != null) {
            throw new UnsupportedOperationException("the writer's tests read raw points only");
        }
        List<HistoryPoint> points = new ArrayList<>();
        readings.values().stream()
                .filter(r -> r.kind() == kind && r.sensor().equals(sensor))
                .filter(r -> r.timestampMillis() >= fromMillis && r.timestampMillis() < toMillis)
                .sorted(Comparator.comparingLong(Reading::timestampMillis))
                .forEach(r -> points.add(HistoryPoint.raw(r.timestampMillis(), r.value())));
        return points;
    }

    @Override
    public List<AlarmEvent> alarmEvents(String sensor, long fromMillis, long toMillis) {
        return events.values().stream()
                .filter(e -> sensor == null || e.sensor().equals(sensor))
                .filter(e -> e.eventTimeMillis() >= fromMillis && e.eventTimeMillis() < toMillis)
                .sorted(Comparator.comparingLong(AlarmEvent::eventTimeMillis))
                .toList();
    }

    @Override
    public boolean isReachable() {
        return !down;
    }

    @Override
    public void close() {
    }
}
