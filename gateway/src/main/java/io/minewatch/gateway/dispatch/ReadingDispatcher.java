package io.minewatch.gateway.dispatch;

import io.minewatch.collectors.Ingest;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmListener;
import io.minewatch.gateway.alarms.AlarmStateException;
import io.minewatch.gateway.live.LiveBoard;
import io.minewatch.gateway.pipeline.Dispatcher;
import io.minewatch.gateway.pipeline.EvaluatedBatch;
import io.minewatch.gateway.storage.StorageWriter;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an evaluated batch on: alarm transitions to the alarm outputs at once (an alarm must not wait for the
 * database), the readings to the live view, and both to storage, whose completion acknowledges the message.
 *
 * <pre>
 *  dispatch ──▶ alarm outputs, live view
 *           └─▶ storage ──onStored──▶ [transitions only] alarm state applied ──▶ delivery completed (PUBACK)
 * </pre>
 *
 * <p>A message whose readings caused transitions is acknowledged only once the alarm state holds them too, so after a
 * crash the state on disk covers every acknowledged message, and the broker delivers the others again to engines
 * restored from that state: an alarm is neither lost nor raised twice. When the state cannot be written the message
 * stays unacknowledged, for the broker to deliver again. A message without transitions, nearly all of them, is
 * acknowledged straight after storage, as before.
 */
public final class ReadingDispatcher implements Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingDispatcher.class);

    private final PointSink storage;
    private final LiveBoard live;
    private final List<AlarmListener> alarmListeners;
    private final AlarmStateSink alarmState;

    /** A dispatcher without durable alarm state. */
    public ReadingDispatcher(StorageWriter storage, LiveBoard live, List<AlarmListener> alarmListeners) {
        this(storage::submit, live, alarmListeners, AlarmStateSink.NONE);
    }

    public ReadingDispatcher(PointSink storage, LiveBoard live, List<AlarmListener> alarmListeners,
            AlarmStateSink alarmState) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.live = Objects.requireNonNull(live, "live");
        this.alarmListeners = List.copyOf(alarmListeners);
        this.alarmState = Objects.requireNonNull(alarmState, "alarmState");
    }

    @Override
    public void dispatch(EvaluatedBatch batch) {
        List<AlarmEvent> events = batch.events();
        for (int i = 0; i < events.size(); i++) {
            AlarmEvent event = events.get(i);
            for (int j = 0; j < alarmListeners.size(); j++) {
                notify(alarmListeners.get(j), event);
            }
        }
        live.update(batch.readings());
        Ingest ingest = batch.ingest();
        if (events.isEmpty() || alarmState == AlarmStateSink.NONE) {
            storage.submit(batch.readings(), events, ingest.delivery()::complete);
        } else {
            storage.submit(batch.readings(), events, () -> recordThenAcknowledge(ingest, events));
        }
    }

    /** Runs on the storage writer's thread, after the points are stored. */
    private void recordThenAcknowledge(Ingest ingest, List<AlarmEvent> events) {
        try {
            alarmState.apply(events);
        } catch (AlarmStateException | RuntimeException e) {
            LOG.error("Alarm state not recorded for {} transitions of {}/{} (first: {} of alarm {}); the message "
                    + "from {} on {} stays unacknowledged for the broker to deliver again", events.size(),
                    ingest.site(), ingest.sensor(), events.get(0).transition().id(), events.get(0).alarmId(),
                    ingest.source(), ingest.topic(), e);
            return;
        }
        ingest.delivery().complete();
    }

    private static void notify(AlarmListener listener, AlarmEvent event) {
        try {
            listener.onAlarm(event);
        } catch (RuntimeException e) {
            // One failing output must not keep the event from the others, nor the readings from storage.
            LOG.error("Alarm output {} failed on event {} of {}/{}", listener.getClass().getSimpleName(), event.id(),
                    event.site(), event.sensor(), e);
        }
    }
}
