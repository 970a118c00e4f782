package io.minewatch.gateway.alarms.lifecycle;

import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A place in the dispatcher's listener list for listeners that can only be built after the dispatcher (escalation
 * and flood control emit their own events through it). Add them before the pipeline starts.
 */
public final class DeferredListeners implements AlarmListener {

    private static final Logger LOG = LoggerFactory.getLogger(DeferredListeners.class);

    private final List<AlarmListener> listeners = new CopyOnWriteArrayList<>();

    public void add(AlarmListener listener) {
        listeners.add(listener);
    }

    @Override
    public void onAlarm(AlarmEvent event) {
        for (AlarmListener listener : listeners) {
            try {
                listener.onAlarm(event);
            } catch (RuntimeException e) {
                LOG.error("Alarm listener {} failed on event {} of {}/{}", listener.getClass().getSimpleName(),
                        event.id(), event.site(), event.sensor(), e);
            }
        }
    }
}
