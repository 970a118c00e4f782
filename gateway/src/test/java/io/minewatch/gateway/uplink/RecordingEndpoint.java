package io.minewatch.gateway.uplink;

import io.minewatch.gateway.journal.JournalEntry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** An endpoint that is down for its first {@code failures} attempts and refuses event ids in {@code poison}. */
final class RecordingEndpoint implements RegulatorEndpoint {

    final List<JournalEntry> received = new CopyOnWriteArrayList<>();
    final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger failuresLeft;
    private final List<String> poison;
    volatile boolean closed;
    /** True: its failures are unexpected exceptions rather than delivery failures. */
    volatile boolean defects;

    RecordingEndpoint(int failures, List<String> poison) {
        this.failuresLeft = new AtomicInteger(failures);
        this.poison = poison;
    }

    /** The endpoint is back: every further attempt goes through. */
    void recover() {
        failuresLeft.set(0);
    }

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public String type() {
        return "test";
    }

    @Override
    public String target() {
        return "memory";
    }

    @Override
    public void deliver(JournalEntry entry) throws DeliveryException {
        attempts.incrementAndGet();
        int left = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1));
        if (left > 0 && defects) {
            throw new IllegalStateException("defect");
        }
        if (left > 0) {
            throw DeliveryException.retry("down", null);
        }
        if (poison.contains(entry.eventId())) {
            throw DeliveryException.poisoned("422 refused");
        }
        received.add(entry);
    }

    @Override
    public void close() {
        closed = true;
    }
}
