package io.minewatch.gateway.rules;

import io.minewatch.collectors.Quality;
import io.minewatch.collectors.Reading;
import io.minewatch.config.rules.Level;
import io.minewatch.config.rules.LevelThreshold;
import io.minewatch.config.rules.Rule;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates readings against their threshold rules and turns them into alarm transitions.
 *
 * <p>One engine belongs to one thread (one event loop, chosen by sensor id), so it takes no locks; all its methods,
 * including {@link #activeAlarms()} and {@link #restore}, must be called on that thread. Per sensor it keeps one
 * state object found by a single map lookup, holding an array of per-rule states; a reading that changes no alarm
 * allocates nothing here.
 *
 * <p>Semantics, per sensor and rule (one alarm at a time, moving between the rule's levels):
 * <ul>
 *   <li>A {@link ReadingConditions}, when given, sees every reading first and may withhold it: a withheld reading
 *       (out of the sensor's range, or of a sensor in maintenance) changes no alarm of this engine.</li>
 *   <li>Only {@link Quality#GOOD} readings are evaluated; others leave every alarm as it is and do not feed rates.</li>
 *   <li>Besides its rules, every sensor has the built-in fault condition of {@link SensorFaults}: consecutive BAD
 *       readings ({@link SensorFaultPolicy}) raise an alarm of rule {@link SensorFaultPolicy#RULE_ID}, a GOOD reading
 *       clears it. It is independent of the threshold alarms, which it neither reads nor changes.</li>
 *   <li>Target level = the more severe of the most severe level whose entry condition holds and the most severe level
 *       at or below the current one whose restore condition does not hold. Raising and escalating wait until the entry
 *       condition has held for the rule's {@code minDuration}, measured on reading timestamps, so replays decide the
 *       same; de-escalating and clearing happen at once.</li>
 *   <li>Events: RAISED (new {@code alarmId}, entry threshold), ESCALATED (entry threshold of the new level),
 *       DEESCALATED and CLEARED (exit threshold of the level left; CLEARED names the level left).</li>
 *   <li>Rate rules use {@link RateWindow}: bounded memory, no rate before the samples span half a window.</li>
 *   <li>A reading older than the sensor's previous reading may raise or escalate a value rule (a sensor whose clock
 *       stepped back keeps alarming) but never de-escalates or clears one; rate rules ignore it.</li>
 *   <li>When the rule book gives a sensor a different rule list: a rule with an unchanged id and definition keeps its
 *       state; an edited rule (same id) keeps its alarm and starts its durations again; the state of a rule no longer
 *       in the list is discarded, and if it held an alarm a CLEARED event closes it so nothing downstream keeps an
 *       orphan alarm open. The rule book should hand out the same list instance while the configuration is unchanged:
 *       that is the allocation-free fast path.</li>
 *   <li>After a restart, the alarms that were active ({@link RestoredAlarms}, given at construction, or
 *       {@link #restore}) take effect with their sensor's first reading: each continues with its id at the matching
 *       level of its rule, so a reading delivered again that is still beyond the threshold causes no transition and
 *       one on the safe side clears the alarm under its old id; an alarm whose rule no longer applies is cleared. A
 *       restored sensor fault stays active until a GOOD reading clears it.</li>
 *   <li>A reading delivered again ({@code redelivered}: the broker got no acknowledgement for it) whose timestamp is
 *       no newer than the newest reading of its sensor the alarm state reflects is not evaluated at all: it was
 *       evaluated when it first came, by this engine or, before a restart, by the one whose durable transitions were
 *       restored ({@link RestoredAlarms#evaluatedUpTo}). Evaluating it again would take it for a late reading, or
 *       against a state that has moved on, and could raise an alarm that was already raised and cleared.</li>
 * </ul>
 */
public final class RuleEngine {

    private static final Logger log = LoggerFactory.getLogger(RuleEngine.class);

    private final RuleBook ruleBook;
    private final Clock clock;
    private final AlarmIds ids;
    private final SensorFaults faults;
    private final ReadingConditions conditions;
    private final Map<String, SensorAlarms> sensors = new HashMap<>();
    /** Restored alarms of sensors this engine has not seen yet; a sensor's are taken on its first reading. */
    private final Map<String, List<ActiveAlarm>> pending;
    /** Restored reading times of sensors this engine has not seen yet, taken with their alarms. */
    private final Map<String, Long> pendingEvaluatedUpTo;

    public RuleEngine(RuleBook ruleBook, Clock clock, AlarmIds ids) {
        this(ruleBook, clock, ids, RestoredAlarms.NONE);
    }

    /**
     * An engine that continues the alarms active before a restart. Every lane's engine may be given the same
     * {@code restored}: a sensor's alarms are taken by the engine that sees the sensor's readings.
     */
    public RuleEngine(RuleBook ruleBook, Clock clock, AlarmIds ids, RestoredAlarms restored) {
        this(ruleBook, clock, ids, restored, SensorFaultPolicy.DEFAULT);
    }

    /** An engine whose sensor faults follow {@code faultPolicy} rather than {@link SensorFaultPolicy#DEFAULT}. */
    public RuleEngine(RuleBook ruleBook, Clock clock, AlarmIds ids, RestoredAlarms restored,
            SensorFaultPolicy faultPolicy) {
        this(ruleBook, clock, ids, restored, faultPolicy, ReadingConditions.NONE);
    }

    /**
     * An engine that first passes every reading to {@code conditions} (its own instance: it runs on this engine's
     * thread), which may raise alarms of its own and withhold a reading from the rules.
     */
    public RuleEngine(RuleBook ruleBook, Clock clock, AlarmIds ids, RestoredAlarms restored,
            SensorFaultPolicy faultPolicy, ReadingConditions conditions) {
        this.conditions = Objects.requireNonNull(conditions, "conditions");
        this.ruleBook = Objects.requireNonNull(ruleBook, "ruleBook");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.faults = new SensorFaults(Objects.requireNonNull(faultPolicy, "faultPolicy"), clock, ids);
        this.pending = new HashMap<>(Objects.requireNonNull(restored, "restored").bySensor());
        this.pendingEvaluatedUpTo = new HashMap<>(restored.evaluatedUpTo());
    }

    /** Evaluates one reading delivered for the first time; see {@link #evaluate(Reading, boolean, List)}. */
    public void evaluate(Reading reading, List<AlarmEvent> out) {
        evaluate(reading, false, out);
    }

    /**
     * Evaluates one reading and appends the alarm transitions it causes, if any, to {@code out}. Returns false,
     * changing nothing, for a {@code redelivered} reading the alarm state already reflects (see the class comment).
     */
    public boolean evaluate(Reading reading, boolean redelivered, List<AlarmEvent> out) {
        SensorAlarms sensor = sensors.get(reading.sensor());
        if (redelivered && reading.timestampMillis() <= evaluatedUpTo(sensor, reading.sensor())) {
            return false;
        }
        if (sensor != null) {
            sensor.evaluated(reading.timestampMillis());
        }
        if (conditions != ReadingConditions.NONE && !conditions.admit(reading, out)) {
            return true;
        }
        if (reading.quality() != Quality.GOOD) {
            if (reading.quality() == Quality.BAD) {
                if (sensor == null) {
                    sensor = newSensor(reading.sensor());
                    sensor.evaluated(reading.timestampMillis());
                }
                faults.bad(sensor, reading, out);
            }
            return true;
        }
        List<Rule> rules = ruleBook.rulesFor(reading);
        if (rules == null) {
            rules = List.of();
        }
        if (sensor == null) {
            if (rules.isEmpty() && !pending.containsKey(reading.sensor())) {
                return true;
            }
            sensor = newSensor(reading.sensor());
            sensor.evaluated(reading.timestampMillis());
        }
        if (sensor.badReadings != 0 || sensor.fault != null) {
            faults.good(sensor, reading, out);
        }
        if (!sensor.follows(rules)) {
            reconcile(sensor, rules, reading, out);
            if (sensor.isEmpty()) {
                sensors.remove(reading.sensor());
                return true;
            }
        }
        long timestamp = reading.timestampMillis();
        boolean late = timestamp < sensor.lastTimestampMillis;
        sensor.lastTimestampMillis = timestamp;
        RuleState[] states = sensor.states;
        for (int i = 0; i < states.length; i++) {
            RuleState state = states[i];
            double signal = state.signal(timestamp, reading.value());
            if (Double.isNaN(signal)) {
                continue;
            }
            int target = state.target(signal, timestamp, late);
            if (target != state.current()) {
                transition(state, target, signal, reading, out);
            }
        }
        return true;
    }

    private long evaluatedUpTo(SensorAlarms sensor, String id) {
        if (sensor != null) {
            return sensor.evaluatedUpToMillis;
        }
        Long restored = pendingEvaluatedUpTo.isEmpty() ? null : pendingEvaluatedUpTo.get(id);
        return restored == null ? RestoredAlarms.NOTHING_EVALUATED : restored;
    }

    /**
     * Snapshots of every active alarm of this engine, including those given to {@link #restore} whose sensor has not
     * reported yet. Alarms of the {@link RestoredAlarms} given at construction count once their sensor reports to
     * this engine: until then they may belong to another lane's.
     */
    public List<ActiveAlarm> activeAlarms() {
        List<ActiveAlarm> active = new ArrayList<>();
        for (Map.Entry<String, SensorAlarms> entry : sensors.entrySet()) {
            SensorAlarms sensor = entry.getValue();
            for (RuleState state : sensor.states) {
                if (state.isActive()) {
                    active.add(state.snapshot(entry.getKey()));
                }
            }
            if (sensor.restored != null) {
                active.addAll(sensor.restored);
            }
            if (sensor.fault != null) {
                active.add(sensor.fault);
            }
        }
        return List.copyOf(active);
    }

    /**
     * Seeds an alarm that was active before a restart. It takes effect with the sensor's first reading, when its rules
     * are known: the alarm continues at the matching level of its rule (same {@code alarmId}), or is cleared if the
     * rule no longer applies. A sensor fault (rule {@link SensorFaultPolicy#RULE_ID}) stays active until a GOOD reading.
     * Returns false, changing nothing, when this engine has already evaluated the sensor (its own state is newer; for
     * a fault, also when it has had a BAD reading) or already holds an alarm for the same rule.
     */
    public boolean restore(ActiveAlarm alarm) {
        Objects.requireNonNull(alarm, "alarm");
        SensorAlarms sensor = sensors.get(alarm.sensor());
        if (sensor == null) {
            sensor = newSensor(alarm.sensor());
        } else if (sensor.rules != null || SensorFaultPolicy.RULE_ID.equals(alarm.ruleId())
                && sensor.lastBadMillis != SensorAlarms.NO_BAD_READING) {
            log.warn("sensor {} site {}: not restoring alarm {} of rule {}, the sensor has reported since the start",
                    alarm.sensor(), alarm.site(), alarm.alarmId(), alarm.ruleId());
            return false;
        }
        return sensor.restore(alarm);
    }

    /**
     * State for a sensor this engine has not held yet, seeded with the sensor's alarms from the restart snapshot,
     * which are thereby taken once: they are applied with the first reading, as {@link #restore} does.
     */
    private SensorAlarms newSensor(String id) {
        SensorAlarms sensor = new SensorAlarms();
        sensors.put(id, sensor);
        Long evaluatedUpTo = pendingEvaluatedUpTo.isEmpty() ? null : pendingEvaluatedUpTo.remove(id);
        if (evaluatedUpTo != null) {
            sensor.evaluated(evaluatedUpTo);
        }
        List<ActiveAlarm> restored = pending.isEmpty() ? null : pending.remove(id);
        if (restored != null) {
            for (ActiveAlarm alarm : restored) {
                if (!sensor.restore(alarm)) {
                    log.warn("sensor {} site {}: not restoring alarm {} of rule {}, another of the rule is restored",
                            id, alarm.site(), alarm.alarmId(), alarm.ruleId());
                }
            }
        }
        return sensor;
    }

    private void transition(RuleState state, int target, double signal, Reading reading, List<AlarmEvent> out) {
        int from = state.current();
        long now = clock.millis();
        AlarmTransition transition;
        LevelThreshold level;
        Level previous;
        double threshold;
        if (from == RuleState.NONE) {
            transition = AlarmTransition.RAISED;
            level = state.level(target);
            previous = null;
            threshold = level.enter();
            state.raised(ids.alarmId(AlarmCause.of(reading, state.rule().id(), AlarmTransition.RAISED,
                    level.name(), signal)), now);
        } else if (target == RuleState.NONE) {
            transition = AlarmTransition.CLEARED;
            level = state.level(from);
            previous = level.level();
            threshold = level.exit();
        } else if (target > from) {
            transition = AlarmTransition.ESCALATED;
            level = state.level(target);
            previous = state.level(from).level();
            threshold = level.enter();
        } else {
            transition = AlarmTransition.DEESCALATED;
            level = state.level(target);
            previous = state.level(from).level();
            threshold = state.level(from).exit();
        }
        out.add(event(transition, state.alarmId(), reading, state.rule().id(), level.name(), level.level(), previous,
                threshold, signal, now));
        state.moved(target, reading.site(), reading.kind(), threshold, signal, now);
    }

    private void reconcile(SensorAlarms sensor, List<Rule> rules, Reading reading, List<AlarmEvent> out) {
        RuleState[] old = sensor.states;
        RuleState[] next = new RuleState[rules.size()];
        boolean[] carried = new boolean[old.length];
        for (int i = 0; i < next.length; i++) {
            Rule rule = rules.get(i);
            int j = indexOf(old, carried, rule.id());
            if (j < 0) {
                next[i] = new RuleState(rule);
            } else if (old[j].rule().equals(rule)) {
                carried[j] = true;
                old[j].adopt(rule);
                next[i] = old[j];
            } else {
                carried[j] = true;
                next[i] = old[j].redefine(rule);
                log.info("sensor {} site {}: rule {} was redefined, its alarm carries over", reading.sensor(),
                        reading.site(), rule.id());
            }
        }
        for (int j = 0; j < old.length; j++) {
            if (!carried[j] && old[j].isActive()) {
                clearRemoved(old[j], reading, out);
            }
        }
        if (sensor.restored != null) {
            for (ActiveAlarm alarm : sensor.restored) {
                applyRestored(alarm, next, reading, out);
            }
            sensor.restored = null;
        }
        sensor.rules = rules;
        sensor.states = next;
    }

    private static int indexOf(RuleState[] states, boolean[] carried, String ruleId) {
        for (int j = 0; j < states.length; j++) {
            if (!carried[j] && states[j].rule().id().equals(ruleId)) {
                return j;
            }
        }
        return -1;
    }

    private void clearRemoved(RuleState gone, Reading reading, List<AlarmEvent> out) {
        LevelThreshold level = gone.level(gone.current());
        log.info("sensor {} site {}: rule {} no longer applies, clearing its alarm {}", reading.sensor(),
                reading.site(), gone.rule().id(), gone.alarmId());
        double value = gone.isRate() ? gone.lastValue() : reading.value();
        out.add(event(AlarmTransition.CLEARED, gone.alarmId(), reading, gone.rule().id(), level.name(), level.level(),
                level.level(), level.exit(), value, clock.millis()));
    }

    private void applyRestored(ActiveAlarm alarm, RuleState[] states, Reading reading, List<AlarmEvent> out) {
        for (RuleState state : states) {
            if (state.rule().id().equals(alarm.ruleId()) && !state.isActive()) {
                state.seed(state.indexFor(alarm.levelName(), alarm.level()), alarm.alarmId(), alarm.site(),
                        alarm.kind(), alarm.threshold(), alarm.value(), alarm.raisedAtMillis(),
                        alarm.lastEventAtMillis());
                return;
            }
        }
        // The rule's thresholds are gone with it: the CLEARED event repeats the threshold of the alarm's last event.
        log.info("sensor {} site {}: restored alarm {} belongs to rule {}, which no longer applies; clearing it",
                reading.sensor(), reading.site(), alarm.alarmId(), alarm.ruleId());
        out.add(event(AlarmTransition.CLEARED, alarm.alarmId(), reading, alarm.ruleId(), alarm.levelName(),
                alarm.level(), alarm.level(), alarm.threshold(), reading.value(), clock.millis()));
    }

    private AlarmEvent event(AlarmTransition transition, String alarmId, Reading reading, String ruleId,
            String levelName, Level level, Level previous, double threshold, double value, long eventTimeMillis) {
        String id = ids.eventId(AlarmCause.of(reading, ruleId, transition, levelName, value));
        return new AlarmEvent(id, alarmId, transition, reading.site(), reading.sensor(), reading.kind(), ruleId,
                levelName, level, previous, threshold, value, reading.timestampMillis(), eventTimeMillis,
                reading.registered());
    }
}
