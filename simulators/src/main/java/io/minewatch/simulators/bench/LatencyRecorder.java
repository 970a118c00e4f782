package io.minewatch.simulators.bench;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reading-to-alarm latency: the publisher notes when it sent each crossing reading ({@code sensor} and reading
 * timestamp), the alarm subscriber notes when the raised event naming that reading arrived. Both sides use
 * {@link System#nanoTime()} of the same process, so the figure includes the publisher's own MQTT send, the broker both
 * ways, and the system under test.
 *
 * <p>When the alarm event carries the time the system decided it ({@code event_time}), the latency also splits at the
 * decision: reading to decision (the reading's own timestamp, taken by the generator from the wall clock as it built
 * the message, to the decision time on the same machine's wall clock: the way in and the evaluation) and, by
 * difference, decision to arrival (the alarm output and the broker's way out).
 */
public final class LatencyRecorder {

    /** A decision time the alarm event did not carry. */
    public static final long UNKNOWN = Long.MIN_VALUE;

    private final ConcurrentHashMap<String, Long> sentNanos = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private long[] latencies = new long[1024];
    private long[] arrivals = new long[1024];
    private long[] toDecision = new long[1024];
    private int count;
    private final AtomicLong unmatched = new AtomicLong();

    public void sent(String sensor, long readingTimestamp, long nanos) {
        sentNanos.put(key(sensor, readingTimestamp), nanos);
    }

    /** An alarm raised by the reading of {@code sensor} at {@code readingTimestamp} arrived at {@code nanos}. */
    public void alarmed(String sensor, long readingTimestamp, long nanos) {
        alarmed(sensor, readingTimestamp, UNKNOWN, nanos);
    }

    /**
     * An alarm raised by the reading of {@code sensor} at {@code readingTimestamp}, decided by the system at
     * {@code decidedAtMillis} (epoch milliseconds, or {@link #UNKNOWN}), arrived at {@code nanos}.
     */
    public void alarmed(String sensor, long readingTimestamp, long decidedAtMillis, long nanos) {
        Long sent = sentNanos.remove(key(sensor, readingTimestamp));
        if (sent == null) {
            unmatched.incrementAndGet();
            return;
        }
        synchronized (lock) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
                arrivals = Arrays.copyOf(arrivals, count * 2);
                toDecision = Arrays.copyOf(toDecision, count * 2);
            }
            latencies[count] = nanos - sent;
            arrivals[count] = nanos;
            toDecision[count] = decidedAtMillis == UNKNOWN ? UNKNOWN
                    : Math.max(0, decidedAtMillis - readingTimestamp) * 1_000_000L;
            count++;
        }
    }

    /** Crossing readings sent whose alarm has not (yet) arrived. */
    public int pending() {
        return sentNanos.size();
    }

    /** Alarms that named no reading sent by this run. */
    public long unmatched() {
        return unmatched.get();
    }

    /** Latencies of alarms that arrived in [{@code fromNanos}, {@code toNanos}), in nanoseconds, sorted. */
    public long[] between(long fromNanos, long toNanos) {
        synchronized (lock) {
            return selectSorted(latencies, fromNanos, toNanos);
        }
    }

    /**
     * Reading-to-decision latencies of the alarms that arrived in [{@code fromNanos}, {@code toNanos}) and carried
     * their decision time, in nanoseconds (of millisecond resolution), sorted.
     */
    public long[] toDecisionBetween(long fromNanos, long toNanos) {
        synchronized (lock) {
            return selectSorted(toDecision, fromNanos, toNanos);
        }
    }

    /** The known {@code values} of the alarms that arrived in [{@code fromNanos}, {@code toNanos}), sorted. */
    private long[] selectSorted(long[] values, long fromNanos, long toNanos) {
        long[] selected = new long[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (arrivals[i] >= fromNanos && arrivals[i] < toNanos && values[i] != UNKNOWN) {
                selected[n++] = values[i];
            }
        }
        long[] result = Arrays.copyOf(selected, n);
        Arrays.sort(result);
        return result;
    }

    public void clear() {
        sentNanos.clear();
        synchronized (lock) {
            count = 0;
        }
        unmatched.set(0);
    }

    /** The {@code p}-th percentile (0 to 100) of sorted values by nearest rank; 0 for none. */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static String key(String sensor, long readingTimestamp) {
        return sensor + '@' + readingTimestamp;
    }
}
