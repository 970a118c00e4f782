package io.minewatch.gateway.pond;

import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmListener;
import io.minewatch.gateway.conditions.ConditionEventSink;
import io.minewatch.gateway.rules.ActiveAlarm;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds {@link PondLevels} from the alarm events of every lane. A pond's points are spread over the lanes, so the
 * combination lives on one thread of its own: {@link #onAlarm} (called on the lanes) only hands the events that
 * concern a pond to that thread, in the order each lane decided them, and returns. The pond-level transitions go to
 * the {@link ConditionEventSink}; when they come back to {@link #onAlarm} they are ignored (not threshold alarms).
 */
public final class PondAggregator implements AlarmListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PondAggregator.class);

    private final PondLevels levels;
    private final ConditionEventSink sink;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            new DefaultThreadFactory("minewatch-pond", true));

    public PondAggregator(PondLevels levels, ConditionEventSink sink) {
        this.levels = Objects.requireNonNull(levels, "levels");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Seeds the alarms active before a restart; call before the first event. */
    public void restore(Collection<ActiveAlarm> alarms) {
        thread.execute(() -> levels.restore(alarms));
    }

    @Override
    public void onAlarm(AlarmEvent event) {
        if (!levels.concerns(event)) {
            return;
        }
        try {
            thread.execute(() -> apply(event));
        } catch (RejectedExecutionException e) {
            LOG.warn("pond level of site {} not updated for event {} of {}: the gateway is stopping", event.site(),
                    event.id(), event.sensor());
        }
    }

    private void apply(AlarmEvent event) {
        List<AlarmEvent> out = new ArrayList<>(2);
        try {
            levels.apply(event, out);
            if (!out.isEmpty()) {
                sink.emit(out);
            }
        } catch (RuntimeException e) {
            LOG.error("pond level of site {} failed on event {} of {}", event.site(), event.id(), event.sensor(), e);
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
