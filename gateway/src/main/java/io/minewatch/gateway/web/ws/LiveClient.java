package io.minewatch.gateway.web.ws;

import io.minewatch.collectors.Reading;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.auth.Permission;
import io.minewatch.gateway.auth.Session;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One connected live client. Touched only by the hub's ticker thread: what it has not been sent yet, latest value
 * per sensor, bounded by the number of sensors it subscribed to.
 */
final class LiveClient {

    final Channel channel;
    final Session session;
    final boolean readings;
    Subscription subscription;
    final Map<String, Reading> pending = new LinkedHashMap<>();
    final List<AlarmEvent> pendingAlarms = new ArrayList<>();
    boolean snapshotDue;
    /** Since when the channel has refused frames (its send buffer is full), or -1. */
    long unwritableSinceMillis = -1;

    LiveClient(Channel channel, Session session) {
        this.channel = channel;
        this.session = session;
        this.readings = session.allows(Permission.VIEW_LIVE);
    }

    void subscribe(Subscription subscription) {
        this.subscription = subscription;
        pending.clear();
        pendingAlarms.clear();
        snapshotDue = true;
    }

    /** Takes this tick's changes that match the subscription; latest value per sensor wins. */
    void offer(List<Reading> changes, List<AlarmEvent> alarms, int maxPendingAlarms) {
        if (subscription == null || snapshotDue) {
            return;
        }
        if (readings) {
            for (Reading reading : changes) {
                if (subscription.matches(reading.site(), reading.sensor())) {
                    pending.put(reading.sensor(), reading);
                }
            }
        }
        for (AlarmEvent event : alarms) {
            if (subscription.matches(event.site(), event.sensor())) {
                pendingAlarms.add(event);
            }
        }
        if (pendingAlarms.size() > maxPendingAlarms) {
            // Too far behind to send every transition: a snapshot of the active alarms says where things stand.
            snapshotDue = true;
            pending.clear();
            pendingAlarms.clear();
        }
    }

    boolean hasPending() {
        return !pending.isEmpty() || !pendingAlarms.isEmpty();
    }

    void sent() {
        pending.clear();
        pendingAlarms.clear();
        snapshotDue = false;
    }
}
