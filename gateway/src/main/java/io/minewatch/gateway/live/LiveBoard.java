package io.minewatch.gateway.live;

import io.minewatch.collectors.Reading;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The latest reading of every sensor seen, for the API and the control room. Written from the event loops (each
 * sensor by one loop only), read from HTTP threads.
 */
public final class LiveBoard {

    private final Map<String, Reading> latest = new ConcurrentHashMap<>();
    private final LongAdder readings = new LongAdder();
    private volatile Consumer<List<Reading>> listener = batch -> { };

    /**
     * Also hands every batch to {@code listener} (the live WebSocket stream), on the event loop that dispatched it:
     * the listener must not block. Set before the pipeline starts.
     */
    public void listen(Consumer<List<Reading>> listener) {
        this.listener = listener;
    }

    public void update(List<Reading> batch) {
        for (int i = 0; i < batch.size(); i++) {
            Reading reading = batch.get(i);
            // Keep the newest by measurement time: a late, older reading must not show as the current value.
            latest.merge(reading.sensor(), reading,
                    (old, now) -> now.timestampMillis() >= old.timestampMillis() ? now : old);
        }
        readings.add(batch.size());
        listener.accept(batch);
    }

    public Reading latest(String sensor) {
        return latest.get(sensor);
    }

    public Collection<Reading> all() {
        return new ArrayList<>(latest.values());
    }

    /** Readings accepted since start. */
    public long readingsSeen() {
        return readings.sum();
    }
}
