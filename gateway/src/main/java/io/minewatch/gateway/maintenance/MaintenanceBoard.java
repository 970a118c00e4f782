package io.minewatch.gateway.maintenance;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.config.MaintenanceConfig;
import io.minewatch.config.rules.Level;
import io.minewatch.config.sites.SensorConfig;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import io.minewatch.gateway.conditions.ConditionEventSink;
import io.minewatch.gateway.conditions.ConditionRules;
import io.minewatch.gateway.rules.ActiveAlarm;
import io.minewatch.gateway.rules.AlarmIds;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sensors in maintenance or calibration (DOMAIN.md §1 lines 36-37, §7 lines 104-106: calibration alarms left open
 * are a known source of false alarms; maintenance must suppress alarms, visibly).
 *
 * <p>A window starts from the configuration or the API, ends early through the API, or ends by itself at its end
 * time: {@link #active} answers by the clock at once, and {@link #expire} (run every second) records the end. While a
 * window lasts the sensor's alarms are not raised; each would-be alarm is counted and logged ({@link #suppressed}).
 * Each window is itself an alarm of rule {@link ConditionRules#MAINTENANCE} (blue), RAISED when it starts and CLEARED
 * when it ends, so the suppression is in the alarm list, the journal and the regulator's feed. Windows are saved in
 * {@link MaintenanceStore} and continue after a restart.
 *
 * <p>{@link #active} is called by the pipeline lanes for every reading and takes no lock; changes are serialized.
 */
public final class MaintenanceBoard {

    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceBoard.class);
    static final String LEVEL_NAME = "maintenance";

    private record Window(Maintenance maintenance, AtomicLong suppressed) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Set<String> endedConfigured = new LinkedHashSet<>();
    private final List<MaintenanceConfig> configured;
    private final MaintenanceStore store;
    private final Function<String, SensorConfig> sensors;
    private final Clock clock;
    private final AlarmIds ids;
    private final ConditionEventSink sink;
    private final Counter suppressedTotal;
    private boolean started;

    /**
     * @param configured the windows of the configuration, applied by {@link #start} unless they have ended
     * @param sensors    registered sensors by id (null for an unknown one)
     */
    public MaintenanceBoard(MaintenanceStore store, List<MaintenanceConfig> configured,
            Function<String, SensorConfig> sensors, Clock clock, AlarmIds ids, ConditionEventSink sink,
            MeterRegistry metrics) {
        this.store = Objects.requireNonNull(store, "store");
        this.configured = List.copyOf(configured);
        this.sensors = Objects.requireNonNull(sensors, "sensors");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.suppressedTotal = Counter.builder("minewatch.alarms.suppressed")
                .description("Alarms not raised because their sensor was in maintenance").register(metrics);
    }

    /**
     * Loads the saved windows, adds the configured ones not yet ended, ends those past their time, and reconciles
     * them with the {@code maintenance} alarms that were active before the restart ({@code restored}; other alarms
     * are ignored): a window keeps its alarm, a new window raises one, an alarm without a window is cleared.
     */
    public synchronized void start(MaintenanceStore.State saved, Collection<ActiveAlarm> restored) {
        long now = clock.millis();
        endedConfigured.addAll(saved.endedConfigured());
        for (Maintenance m : saved.windows()) {
            windows.put(m.sensor(), new Window(m, new AtomicLong()));
        }
        Set<String> fresh = new LinkedHashSet<>();
        for (MaintenanceConfig c : configured) {
            long until = c.until().toEpochMilli();
            SensorConfig sensor = sensors.apply(c.sensor());
            if (sensor == null || until <= now || windows.containsKey(c.sensor())
                    || endedConfigured.contains(MaintenanceStore.configuredKey(c.sensor(), until))) {
                continue;
            }
            windows.put(c.sensor(), new Window(new Maintenance(c.sensor(), sensor.site(), sensor.kind(), c.reason(),
                    Maintenance.CONFIGURATION, now, until, ids.next()), new AtomicLong()));
            fresh.add(c.sensor());
        }
        Map<String, ActiveAlarm> restoredByAlarm = new HashMap<>();
        for (ActiveAlarm alarm : restored) {
            if (ConditionRules.MAINTENANCE.equals(alarm.ruleId())) {
                restoredByAlarm.put(alarm.alarmId(), alarm);
            }
        }
        List<AlarmEvent> events = new ArrayList<>();
        for (Window w : windows.values()) {
            Maintenance m = w.maintenance();
            if (restoredByAlarm.remove(m.alarmId()) == null) {
                events.add(event(AlarmTransition.RAISED, m, now, Map.of()));
                LOG.warn("sensor {} site {}: in maintenance until {} ({}, by {}): its alarms are suppressed",
                        m.sensor(), m.site(), Instant.ofEpochMilli(m.untilMillis()), m.reason(), m.by());
            }
        }
        for (ActiveAlarm orphan : restoredByAlarm.values()) {
            LOG.info("sensor {} site {}: maintenance alarm {} has no window any more; clearing it", orphan.sensor(),
                    orphan.site(), orphan.alarmId());
            events.add(new AlarmEvent(ids.next(), orphan.alarmId(), AlarmTransition.CLEARED, orphan.site(),
                    orphan.sensor(), orphan.kind(), orphan.ruleId(), orphan.levelName(), orphan.level(),
                    orphan.level(), 0, 0, now, now, true, Map.of("ended", "window no longer recorded")));
        }
        started = true;
        if (!fresh.isEmpty() || !saved.windows().isEmpty()) {
            save();
        }
        emit(events);
        expire();
    }

    /** The sensor's window in force now, or null; lock-free, for the pipeline lanes. */
    public Maintenance active(String sensor) {
        if (windows.isEmpty()) {
            return null;
        }
        Window w = windows.get(sensor);
        return w != null && w.maintenance().isActiveAt(clock.millis()) ? w.maintenance() : null;
    }

    /** Starts (or replaces) the sensor's window until {@code until}; {@code by} names who asked. */
    public synchronized Maintenance start(String sensor, String reason, Instant until, String by)
            throws MaintenanceRefusedException {
        SensorConfig config = sensors.apply(sensor);
        if (config == null) {
            throw new MaintenanceRefusedException("sensor : " + sensor + " (expected: a registered sensor)", true);
        }
        long now = clock.millis();
        if (until.toEpochMilli() <= now) {
            throw new MaintenanceRefusedException("until : " + until + " (expected: a time after now, "
                    + Instant.ofEpochMilli(now) + ")", false);
        }
        String why = reason == null || reason.isBlank() ? "maintenance" : reason.strip();
        String who = by == null || by.isBlank() ? "unknown" : by.strip();
        List<AlarmEvent> events = new ArrayList<>();
        Window previous = windows.get(sensor);
        if (previous != null) {
            events.add(ended(previous, now, "replaced by a new window by " + who));
        }
        Maintenance m = new Maintenance(sensor, config.site(), config.kind(), why, who, now, until.toEpochMilli(),
                ids.next());
        windows.put(sensor, new Window(m, new AtomicLong()));
        save();
        events.add(event(AlarmTransition.RAISED, m, now, Map.of()));
        LOG.warn("sensor {} site {}: maintenance started by {} until {} ({}): its alarms are suppressed", sensor,
                m.site(), who, until, why);
        emit(events);
        return m;
    }

    /** Ends the sensor's window now; empty when it had none. */
    public synchronized java.util.Optional<Maintenance> end(String sensor, String by) {
        Window w = windows.remove(sensor);
        if (w == null) {
            return java.util.Optional.empty();
        }
        Maintenance m = w.maintenance();
        if (Maintenance.CONFIGURATION.equals(m.by())) {
            endedConfigured.add(MaintenanceStore.configuredKey(sensor, m.untilMillis()));
        }
        save();
        String who = by == null || by.isBlank() ? "unknown" : by.strip();
        LOG.warn("sensor {} site {}: maintenance ended early by {}; {} alarms were suppressed", sensor, m.site(), who,
                w.suppressed().get());
        emit(List.of(ended(w, clock.millis(), "ended early by " + who)));
        return java.util.Optional.of(m);
    }

    /** Ends every window whose time has come; run every second. */
    public synchronized void expire() {
        if (!started || windows.isEmpty()) {
            return;
        }
        long now = clock.millis();
        List<AlarmEvent> events = new ArrayList<>();
        for (Window w : List.copyOf(windows.values())) {
            Maintenance m = w.maintenance();
            if (!m.isActiveAt(now)) {
                windows.remove(m.sensor());
                LOG.warn("sensor {} site {}: maintenance ended at its end time {}; {} alarms were suppressed",
                        m.sensor(), m.site(), Instant.ofEpochMilli(m.untilMillis()), w.suppressed().get());
                events.add(ended(w, now, "end time reached"));
            }
        }
        if (!events.isEmpty()) {
            save();
            emit(events);
        }
    }

    /** Records that {@code wouldBe} (an alarm of a sensor in maintenance) was not raised. */
    public void suppressed(AlarmEvent wouldBe) {
        suppressedTotal.increment();
        Window w = windows.get(wouldBe.sensor());
        long count = w == null ? 0 : w.suppressed().incrementAndGet();
        LOG.info("sensor {} site {}: {} {} of rule {} at {} (value {}) suppressed by maintenance ({} so far)",
                wouldBe.sensor(), wouldBe.site(), wouldBe.levelName(), wouldBe.transition().id(), wouldBe.ruleId(),
                Instant.ofEpochMilli(wouldBe.readingTimestampMillis()), wouldBe.value(), count);
    }

    /** Alarms suppressed in the sensor's current window. */
    public long suppressedCount(String sensor) {
        Window w = windows.get(sensor);
        return w == null ? 0 : w.suppressed().get();
    }

    /** Every window not yet ended, by sensor id. */
    public List<Maintenance> all() {
        List<Maintenance> all = new ArrayList<>();
        for (Window w : windows.values()) {
            all.add(w.maintenance());
        }
        all.sort(Comparator.comparing(Maintenance::sensor));
        return all;
    }

    private AlarmEvent ended(Window w, long now, String how) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("ended", how);
        details.put("suppressed_alarms", Long.toString(w.suppressed().get()));
        return event(AlarmTransition.CLEARED, w.maintenance(), now, details);
    }

    private AlarmEvent event(AlarmTransition transition, Maintenance m, long now, Map<String, String> extra) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reason", m.reason());
        details.put("by", m.by());
        details.put("until", Instant.ofEpochMilli(m.untilMillis()).toString());
        details.putAll(extra);
        // No measured figure belongs to a window: threshold and value are 0, the facts are in the details.
        return new AlarmEvent(ids.next(), m.alarmId(), transition, m.site(), m.sensor(), m.kind(),
                ConditionRules.MAINTENANCE, LEVEL_NAME, Level.BLUE, transition == AlarmTransition.RAISED ? null
                : Level.BLUE, 0, 0, now, now, true, details);
    }

    private void save() {
        List<Maintenance> current = new ArrayList<>();
        for (Window w : windows.values()) {
            current.add(w.maintenance());
        }
        store.save(current, endedConfigured);
    }

    private void emit(List<AlarmEvent> events) {
        if (!events.isEmpty()) {
            sink.emit(events);
        }
    }
}
