package io.minewatch.gateway.alarms.lifecycle;

import io.minewatch.config.AlarmHandlingConfig;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmBoard;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmListener;
import io.minewatch.gateway.alarms.AlarmStateException;
import io.minewatch.gateway.alarms.AlarmStateStore;
import io.minewatch.gateway.alarms.AlarmTransition;
import io.minewatch.gateway.dispatch.ReadingDispatcher;
import io.minewatch.gateway.live.LiveBoard;
import io.minewatch.gateway.pipeline.Dispatcher;
import io.minewatch.gateway.pipeline.EvaluatedBatch;
import io.minewatch.collectors.Ingest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The alarm path of the gateway without sockets: the real dispatcher, board and alarm-state file; storage records the
 * events it is given and reports them stored at once; every sensor's lane runs tasks on the calling thread.
 */
final class LifecycleRig implements AutoCloseable {

    static final Instant START = Instant.parse("2025-11-22T11:00:00Z");
    static final String SITE = "CM01";

    final ManualClock clock = new ManualClock(START);
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final AlarmBoard board = new AlarmBoard(100);
    /** What every listener after the board saw, in order. */
    final List<AlarmEvent> notified = new CopyOnWriteArrayList<>();
    /** What storage was given, in order. */
    final List<AlarmEvent> stored = new CopyOnWriteArrayList<>();
    final AlarmStateStore state;
    final List<AlarmListener> listeners = new ArrayList<>();
    final Dispatcher dispatcher;
    /** What readings' batches and the emitter go through: the dispatcher, or flood control in front of it. */
    private volatile Dispatcher front;
    final LaneEmitter emitter;
    private final AtomicInteger ids = new AtomicInteger();

    /** Listeners between the board and {@link #notified}, added by tests after construction. */
    private final List<AlarmListener> added = new CopyOnWriteArrayList<>();

    LifecycleRig(Path directory) throws AlarmStateException {
        this.state = AlarmStateStore.open(directory);
        listeners.add(board);
        listeners.add(event -> added.forEach(listener -> listener.onAlarm(event)));
        listeners.add(notified::add);
        this.dispatcher = new ReadingDispatcher((readings, events, onStored) -> {
            stored.addAll(events);
            onStored.run();
        }, new LiveBoard(), listeners, state::apply);
        this.front = dispatcher;
        this.emitter = new LaneEmitter(sensor -> Runnable::run, batch -> front.dispatch(batch), scheduler,
                Duration.ofSeconds(10), clock);
    }

    /** Puts flood control in front of the dispatcher. */
    FloodControl withFloodControl(AlarmHandlingConfig.Shelving shelving) {
        FloodControl flood = new FloodControl(dispatcher, shelving, sensor -> Runnable::run, this::nextId, scheduler,
                clock);
        front = flood;
        return flood;
    }

    void addListener(AlarmListener listener) {
        added.add(listener);
    }

    String nextId() {
        return "E" + ids.incrementAndGet();
    }

    /** A rule engine's transition at the clock's time, dispatched as a reading's would be. */
    AlarmEvent fire(AlarmTransition transition, String alarmId, String sensor, Level level) {
        long now = clock.millis();
        AlarmEvent event = new AlarmEvent(nextId(), alarmId, transition, SITE, sensor, Kind.CH4, "ch4",
                level == Level.RED ? "power_cut" : "alarm", level,
                transition == AlarmTransition.RAISED ? null : level, level == Level.RED ? 1.5 : 1.0, 1.2, now, now,
                true);
        dispatch(event);
        return event;
    }

    void dispatch(AlarmEvent... events) {
        AlarmEvent first = events[0];
        front.dispatch(new EvaluatedBatch(new Ingest("test", "minewatch/" + SITE + "/" + first.sensor(), SITE,
                first.sensor(), new byte[0], clock.millis(), null), List.of(), List.of(events)));
    }

    @Override
    public void close() {
        state.close();
    }
}
