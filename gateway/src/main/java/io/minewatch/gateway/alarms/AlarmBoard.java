package io.minewatch.gateway.alarms;

import io.minewatch.config.rules.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The alarms in force, for the API and the live view: the latest event of every active alarm, and a bounded list of
 * recent transitions. Updated from the event loops, read from HTTP threads.
 */
public final class AlarmBoard implements AlarmListener {

    private final Map<String, AlarmEvent> activeByAlarmId = new ConcurrentHashMap<>();
    private final Deque<AlarmEvent> recent = new ArrayDeque<>();
    private final int recentLimit;

    public AlarmBoard(int recentLimit) {
        if (recentLimit <= 0) {
            throw new IllegalArgumentException("recentLimit : " + recentLimit + " (expected: > 0)");
        }
        this.recentLimit = recentLimit;
    }

    @Override
    public void onAlarm(AlarmEvent event) {
        if (event.leavesAlarmActive()) {
            activeByAlarmId.put(event.alarmId(), event);
        } else {
            activeByAlarmId.remove(event.alarmId());
        }
        synchronized (recent) {
            recent.addFirst(event);
            while (recent.size() > recentLimit) {
                recent.removeLast();
            }
        }
    }

    /**
     * Shows alarms that were active before a restart (see {@link AlarmStateStore#load()}), each as its last transition
     * that set its level. Call before the pipeline starts; an alarm the board already holds keeps its newer event.
     */
    public void restore(List<StoredAlarm> alarms) {
        for (StoredAlarm alarm : alarms) {
            AlarmEvent last = alarm.lastTransition();
            activeByAlarmId.putIfAbsent(last.alarmId(), last);
        }
    }

    /** Active alarms, most severe first, then oldest reading first. */
    public List<AlarmEvent> active() {
        List<AlarmEvent> active = new ArrayList<>(activeByAlarmId.values());
        active.sort(Comparator.comparingInt((AlarmEvent e) -> -e.level().severity())
                .thenComparingLong(AlarmEvent::readingTimestampMillis));
        return active;
    }

    /** The most recent transitions, newest first. */
    public List<AlarmEvent> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    /** The most severe level in force on a sensor, if any alarm of it is active. */
    public Optional<Level> levelOf(String sensor) {
        Level worst = null;
        for (AlarmEvent event : activeByAlarmId.values()) {
            if (event.sensor().equals(sensor) && (worst == null || event.level().isAbove(worst))) {
                worst = event.level();
            }
        }
        return Optional.ofNullable(worst);
    }

    public int activeCount() {
        return activeByAlarmId.size();
    }
}
