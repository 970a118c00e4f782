package io.minewatch.gateway.dispatch;

import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmListener;
import io.minewatch.gateway.live.LiveBoard;
import io.minewatch.gateway.pipeline.Dispatcher;
import io.minewatch.gateway.pipeline.EvaluatedBatch;
import io.minewatch.gateway.storage.StorageWriter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an evaluated batch on: alarm transitions to the alarm outputs at once (an alarm must not wait for the
 * database), the readings to the live view, and both to storage, whose completion acknowledges the message.
 */
public final class ReadingDispatcher implements Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingDispatcher.class);

    private final StorageWriter storage;
    private final LiveBoard live;
    private final List<AlarmListener> alarmListeners;

    public ReadingDispatcher(StorageWriter storage, LiveBoard live, List<AlarmListener> alarmListeners) {
        this.storage = storage;
        this.live = live;
        this.alarmListeners = List.copyOf(alarmListeners);
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
        storage.submit(batch.readings(), events, batch.ingest().delivery()::complete);
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
