package io.minewatch.gateway.alarms;

import io.minewatch.config.rules.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The alarms in force, for the API and the live view: every standing alarm (ISA-18.2: active, or cleared and not yet
 * acknowledged) with its acknowledgement, escalation and shelving, and a bounded list of recent transitions. Updated
 * from the event loops (each alarm's events from its sensor's one loop, in order), read from HTTP threads.
 */
public final class AlarmBoard implements AlarmListener {

    private static final Comparator<StandingAlarm> MOST_SEVERE_FIRST = Comparator
            .comparing((StandingAlarm a) -> !a.isActive())
            .thenComparingInt(a -> -a.lastTransition().level().severity())
            .thenComparingLong(a -> a.lastTransition().readingTimestampMillis());

    private final Map<String, StandingAlarm> standingByAlarmId = new ConcurrentHashMap<>();
    private final Set<String> shelvedRules = ConcurrentHashMap.newKeySet();
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
        String id = event.alarmId();
        switch (event.transition()) {
            case RAISED, ESCALATED, DEESCALATED -> standingByAlarmId.compute(id,
                    (k, alarm) -> alarm == null ? StandingAlarm.raised(event) : alarm.moved(event));
            case CLEARED -> standingByAlarmId.computeIfPresent(id,
                    (k, alarm) -> alarm.isAcknowledged() ? null : alarm.withCleared(event));
            case ACKNOWLEDGED -> standingByAlarmId.computeIfPresent(id, (k, alarm) -> alarm.isActive()
                    ? alarm.withAcknowledgement(StandingAlarm.acknowledgementOf(event)) : null);
            case UNACKNOWLEDGED -> standingByAlarmId.computeIfPresent(id,
                    (k, alarm) -> alarm.withContactLevel(Math.max(alarm.contactLevel(), contactLevelOf(event))));
            case SHELVED -> shelvedRules.add(ruleKey(event.sensor(), event.ruleId()));
            case UNSHELVED -> shelvedRules.remove(ruleKey(event.sensor(), event.ruleId()));
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
     * that set its level. Call before the pipeline starts; an alarm the board already holds keeps its newer state.
     */
    public void restore(List<StoredAlarm> alarms) {
        for (StoredAlarm alarm : alarms) {
            standingByAlarmId.putIfAbsent(alarm.lastTransition().alarmId(), new StandingAlarm(alarm.lastTransition(),
                    alarm.raisedAtMillis(), null, alarm.acknowledgement(), 0, false));
        }
    }

    /**
     * Shows the alarms that stood before a restart (see {@link AlarmStateStore#loadStanding()}). Call before the
     * pipeline starts; an alarm the board already holds keeps its newer state.
     */
    public void restoreStanding(List<StandingAlarm> alarms) {
        for (StandingAlarm alarm : alarms) {
            standingByAlarmId.putIfAbsent(alarm.alarmId(), alarm);
        }
    }

    /** Active alarms, most severe first, then oldest reading first, each as its last transition that set its level. */
    public List<AlarmEvent> active() {
        return standing().stream().filter(StandingAlarm::isActive).map(StandingAlarm::lastTransition).toList();
    }

    /**
     * Standing alarms: active ones first, most severe first, then oldest reading first; then those cleared and waiting
     * for acknowledgement in the same order.
     */
    public List<StandingAlarm> standing() {
        List<StandingAlarm> standing = new ArrayList<>(standingByAlarmId.size());
        for (StandingAlarm alarm : standingByAlarmId.values()) {
            standing.add(withShelving(alarm));
        }
        standing.sort(MOST_SEVERE_FIRST);
        return standing;
    }

    /** The standing alarm with this id, if any. */
    public Optional<StandingAlarm> standing(String alarmId) {
        StandingAlarm alarm = standingByAlarmId.get(alarmId);
        return alarm == null ? Optional.empty() : Optional.of(withShelving(alarm));
    }

    /** True while the rule's alarms of the sensor are shelved for chattering. */
    public boolean isShelved(String sensor, String ruleId) {
        return shelvedRules.contains(ruleKey(sensor, ruleId));
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
        for (StandingAlarm alarm : standingByAlarmId.values()) {
            AlarmEvent event = alarm.lastTransition();
            if (alarm.isActive() && event.sensor().equals(sensor)
                    && (worst == null || event.level().isAbove(worst))) {
                worst = event.level();
            }
        }
        return Optional.ofNullable(worst);
    }

    public int activeCount() {
        int active = 0;
        for (StandingAlarm alarm : standingByAlarmId.values()) {
            if (alarm.isActive()) {
                active++;
            }
        }
        return active;
    }

    private StandingAlarm withShelving(StandingAlarm alarm) {
        AlarmEvent e = alarm.lastTransition();
        return alarm.withShelved(isShelved(e.sensor(), e.ruleId()));
    }

    private static String ruleKey(String sensor, String ruleId) {
        return sensor + '\u0000' + ruleId;
    }

    private static int contactLevelOf(AlarmEvent event) {
        try {
            return Integer.parseInt(event.details().getOrDefault(AlarmDetails.CONTACT_LEVEL, "0"));
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }
}
