package io.minewatch.gateway.conditions;

import io.minewatch.collectors.Reading;
import io.minewatch.config.ConditionsConfig;
import io.minewatch.config.rules.Level;
import io.minewatch.config.sites.SensorConfig;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import io.minewatch.gateway.maintenance.MaintenanceBoard;
import io.minewatch.gateway.rules.ActiveAlarm;
import io.minewatch.gateway.rules.AlarmIds;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises {@link ConditionRules#OFFLINE} (yellow) for a registered sensor from which no reading has arrived for its
 * offline time (period × periods, {@code conditions}), and clears it when readings resume.
 *
 * <p>The lanes only note the receive time of each reading ({@link #seen}: one map lookup and a volatile write, no
 * lock); {@link #tick}, run every second on one scheduler thread, owns the alarms, so they need no lock either and a
 * sensor's offline transitions keep their order. Offline is measured on the gateway's clock against receive times,
 * never against the sensor's own timestamps, which a sensor replaying its buffer would make look fresh or stale.
 *
 * <p>Decisions: a registered sensor that has not reported since the gateway started counts as silent since the start,
 * so it is raised once its offline time has passed after the start (a configured sensor that never reports is a
 * blind spot, DOMAIN.md §2 line 45: the system must self-diagnose communication faults). Unregistered sensors are not
 * watched: nothing promised they would report, and a test or removed sensor must not alarm forever (DOMAIN.md §7
 * line 105). A sensor in maintenance is not raised (the would-be alarm is counted as suppressed once per silence);
 * an offline alarm raised before the window began stays until readings resume. An offline alarm active before a
 * restart continues under its id until the sensor reports.
 */
public final class OfflineMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(OfflineMonitor.class);
    static final Level LEVEL = Level.YELLOW;
    private static final long NEVER = Long.MIN_VALUE;

    private static final class Watch {
        final SensorConfig sensor;
        final long offlineAfterMillis;
        volatile long lastSeenMillis = NEVER;
        /** Touched by {@link #tick} only (and before start, {@link #restore}). */
        ActiveAlarm alarm;
        boolean suppressedThisSilence;

        Watch(SensorConfig sensor, long offlineAfterMillis) {
            this.sensor = sensor;
            this.offlineAfterMillis = offlineAfterMillis;
        }
    }

    private final Map<String, Watch> watches;
    private final MaintenanceBoard maintenance;
    private final Clock clock;
    private final AlarmIds ids;
    private final ConditionEventSink sink;
    private final long startMillis;

    public OfflineMonitor(ConditionsConfig config, Collection<SensorConfig> registered, MaintenanceBoard maintenance,
            Clock clock, AlarmIds ids, ConditionEventSink sink) {
        this.maintenance = Objects.requireNonNull(maintenance, "maintenance");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.startMillis = clock.millis();
        Map<String, Watch> byId = new LinkedHashMap<>();
        for (SensorConfig sensor : registered) {
            byId.put(sensor.id(), new Watch(sensor,
                    config.limitsFor(sensor.id(), sensor.kind()).offlineAfter().toMillis()));
        }
        this.watches = Map.copyOf(byId);
    }

    /** Notes that a reading of the sensor arrived; called on the lanes for every reading. */
    public void seen(Reading reading) {
        Watch watch = watches.get(reading.sensor());
        if (watch != null && reading.registered()) {
            watch.lastSeenMillis = reading.receivedAtMillis();
        }
    }

    /** Continues an offline alarm active before a restart; call before the first {@link #tick}. */
    public boolean restore(ActiveAlarm alarm) {
        Watch watch = watches.get(alarm.sensor());
        if (watch == null || !ConditionRules.OFFLINE.equals(alarm.ruleId()) || watch.alarm != null) {
            return false;
        }
        watch.alarm = alarm;
        return true;
    }

    /** Raises and clears offline alarms as of now; run on one thread, every second. */
    public void tick() {
        long now = clock.millis();
        List<AlarmEvent> events = new ArrayList<>();
        for (Watch watch : watches.values()) {
            long last = watch.lastSeenMillis;
            long silentMillis = now - (last == NEVER ? startMillis : last);
            boolean silent = silentMillis >= watch.offlineAfterMillis;
            if (silent && watch.alarm == null) {
                raise(watch, last, silentMillis, now, events);
            } else if (!silent) {
                watch.suppressedThisSilence = false;
                if (watch.alarm != null) {
                    clear(watch, last, silentMillis, now, events);
                }
            }
        }
        if (!events.isEmpty()) {
            sink.emit(events);
        }
    }

    private void raise(Watch watch, long last, long silentMillis, long now, List<AlarmEvent> events) {
        SensorConfig sensor = watch.sensor;
        String lastReading = last == NEVER ? "none since the gateway started at " + Instant.ofEpochMilli(startMillis)
                : Instant.ofEpochMilli(last).toString();
        ActiveAlarm alarm = new ActiveAlarm(ids.next(), sensor.site(), sensor.id(), sensor.kind(),
                ConditionRules.OFFLINE, ConditionRules.OFFLINE, LEVEL, watch.offlineAfterMillis / 1000.0,
                silentMillis / 1000.0, now, now);
        AlarmEvent event = ConditionAlarm.event(ids, AlarmTransition.RAISED, alarm, null, now, now, true,
                Map.of("last_reading", lastReading));
        if (maintenance.active(sensor.id()) != null) {
            if (!watch.suppressedThisSilence) {
                watch.suppressedThisSilence = true;
                maintenance.suppressed(event);
            }
            return;
        }
        watch.alarm = alarm;
        LOG.warn("sensor {} site {}: no reading for {} s (last: {}), raising {}", sensor.id(), sensor.site(),
                silentMillis / 1000, lastReading, ConditionRules.OFFLINE);
        events.add(event);
    }

    private void clear(Watch watch, long last, long silentMillis, long now, List<AlarmEvent> events) {
        ActiveAlarm left = ConditionAlarm.moved(watch.alarm, watch.alarm.levelName(), watch.alarm.level(),
                watch.alarm.threshold(), silentMillis / 1000.0, now);
        watch.alarm = null;
        LOG.info("sensor {} site {}: reporting again, clearing {} alarm {}", left.sensor(), left.site(),
                ConditionRules.OFFLINE, left.alarmId());
        events.add(ConditionAlarm.event(ids, AlarmTransition.CLEARED, left, left.level(), last, now, true,
                Map.of("last_reading", Instant.ofEpochMilli(last).toString())));
    }

    /** The active offline alarms (for tests and status); call on the ticking thread. */
    List<ActiveAlarm> activeAlarms() {
        List<ActiveAlarm> active = new ArrayList<>();
        for (Watch watch : watches.values()) {
            if (watch.alarm != null) {
                active.add(watch.alarm);
            }
        }
        return active;
    }
}
