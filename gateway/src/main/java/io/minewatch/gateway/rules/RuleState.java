package io.minewatch.gateway.rules;

import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Direction;
import io.minewatch.config.rules.Level;
import io.minewatch.config.rules.LevelThreshold;
import io.minewatch.config.rules.Rule;
import io.minewatch.config.rules.Signal;
import java.util.Arrays;

/**
 * One rule on one sensor: the alarm in force, since when each level's entry condition has held, and for a rate rule
 * its samples. Levels are addressed by their index in {@link Rule#levels()} (ascending severity), {@link #NONE} for
 * no alarm. Confined to the engine's thread.
 */
final class RuleState {

    static final int NONE = -1;
    private static final long NOT_HELD = Long.MIN_VALUE;

    private Rule rule;
    private final Direction direction;
    private final LevelThreshold[] levels;
    private final double[] enter;
    private final double[] exit;
    private final long minDurationMillis;
    private final long[] heldSince;
    private final RateWindow rate;

    private int current = NONE;
    private String alarmId;
    private String site;
    private Kind kind;
    private double lastThreshold;
    private double lastValue;
    private long raisedAtMillis;
    private long lastEventAtMillis;

    RuleState(Rule rule) {
        this(rule, rule.signal().type() == Signal.Type.RATE ? new RateWindow(rule.signal()) : null);
    }

    private RuleState(Rule rule, RateWindow rate) {
        this.rule = rule;
        this.rate = rate;
        direction = rule.direction();
        levels = rule.levels().toArray(new LevelThreshold[0]);
        enter = new double[levels.length];
        exit = new double[levels.length];
        for (int i = 0; i < levels.length; i++) {
            enter[i] = levels[i].enter();
            exit[i] = levels[i].exit();
        }
        minDurationMillis = RateWindow.millis(rule.minDuration());
        heldSince = minDurationMillis > 0 ? new long[levels.length] : null;
        if (heldSince != null) {
            Arrays.fill(heldSince, NOT_HELD);
        }
    }

    /**
     * The state for a new definition of the same rule id (thresholds edited in a reload): the alarm carries over to
     * the matching level, the samples carry over when the signal is unchanged, durations start again because they
     * were measured against the old thresholds.
     */
    RuleState redefine(Rule newRule) {
        RateWindow window = null;
        if (newRule.signal().type() == Signal.Type.RATE) {
            window = rate != null && rule.signal().equals(newRule.signal()) ? rate : new RateWindow(newRule.signal());
        }
        RuleState next = new RuleState(newRule, window);
        if (current != NONE) {
            next.seed(next.indexFor(levels[current].name(), levels[current].level()), alarmId, site, kind,
                    lastThreshold, lastValue, raisedAtMillis, lastEventAtMillis);
        }
        return next;
    }

    /** The signal this reading gives: its value, or the rate; NaN when a rate rule has nothing to evaluate yet. */
    double signal(long timestampMillis, double value) {
        return rate == null ? value : rate.add(timestampMillis, value);
    }

    /**
     * The level the alarm should move to for {@code signal}: the more severe of the most severe level entered (for at
     * least the rule's minimum duration) and the most severe level at or below the current one not yet restored. A
     * {@code late} reading (older than the sensor's previous one) may raise or escalate, never de-escalate or clear:
     * newer evidence already set the state, but evidence of danger is never dropped.
     */
    int target(double signal, long timestampMillis, boolean late) {
        int entered = heldSince == null ? highestEntered(signal) : highestHeldLongEnough(signal, timestampMillis);
        int held = NONE;
        for (int i = current; i >= 0; i--) {
            if (!direction.restores(signal, exit[i])) {
                held = i;
                break;
            }
        }
        int target = Math.max(entered, held);
        return late && target < current ? current : target;
    }

    private int highestEntered(double signal) {
        for (int i = levels.length - 1; i >= 0; i--) {
            if (direction.enters(signal, enter[i])) {
                return i;
            }
        }
        return NONE;
    }

    /*
     * Each level keeps its own held-since time, rather than one pending target, so that a value flapping between two
     * levels still raises the lower one once it has held for the duration. Times are reading times; a reading older
     * than a held-since time moves it back (the condition held at that reading too) but a lapse that predates the
     * episode does not end it.
     */
    private int highestHeldLongEnough(double signal, long timestampMillis) {
        int result = NONE;
        for (int i = 0; i < levels.length; i++) {
            if (direction.enters(signal, enter[i])) {
                if (heldSince[i] == NOT_HELD || heldSince[i] > timestampMillis) {
                    heldSince[i] = timestampMillis;
                }
                if (timestampMillis - heldSince[i] >= minDurationMillis) {
                    result = i;
                }
            } else if (heldSince[i] <= timestampMillis) {
                heldSince[i] = NOT_HELD;
            }
        }
        return result;
    }

    void seed(int index, String alarmId, String site, Kind kind, double threshold, double value, long raisedAt,
            long lastEventAt) {
        this.current = index;
        this.alarmId = alarmId;
        this.site = site;
        this.kind = kind;
        this.lastThreshold = threshold;
        this.lastValue = value;
        this.raisedAtMillis = raisedAt;
        this.lastEventAtMillis = lastEventAt;
    }

    void moved(int target, String site, Kind kind, double threshold, double value, long eventAtMillis) {
        if (target == NONE) {
            current = NONE;
            alarmId = null;
            return;
        }
        current = target;
        this.site = site;
        this.kind = kind;
        lastThreshold = threshold;
        lastValue = value;
        lastEventAtMillis = eventAtMillis;
    }

    void raised(String newAlarmId, long eventAtMillis) {
        alarmId = newAlarmId;
        raisedAtMillis = eventAtMillis;
    }

    /**
     * Index of the level that best matches a level of an earlier definition: same name and warning level, else same
     * name, else same warning level, else the most severe less severe one, else the least severe.
     */
    int indexFor(String levelName, Level level) {
        int byName = NONE;
        int byLevel = NONE;
        int below = NONE;
        for (int i = 0; i < levels.length; i++) {
            boolean sameName = levels[i].name().equals(levelName);
            boolean sameLevel = levels[i].level() == level;
            if (sameName && sameLevel) {
                return i;
            }
            if (sameName && byName == NONE) {
                byName = i;
            }
            if (sameLevel) {
                byLevel = i;
            }
            if (levels[i].level().severity() < level.severity()) {
                below = i;
            }
        }
        if (byName != NONE) {
            return byName;
        }
        if (byLevel != NONE) {
            return byLevel;
        }
        return below != NONE ? below : 0;
    }

    ActiveAlarm snapshot(String sensor) {
        LevelThreshold level = levels[current];
        return new ActiveAlarm(alarmId, site, sensor, kind, rule.id(), level.name(), level.level(), lastThreshold,
                lastValue, raisedAtMillis, lastEventAtMillis);
    }

    Rule rule() {
        return rule;
    }

    /** Takes an equal definition as its own, so that the engine's identity check succeeds next time. */
    void adopt(Rule equalRule) {
        rule = equalRule;
    }

    boolean isRate() {
        return rate != null;
    }

    boolean isActive() {
        return current != NONE;
    }

    int current() {
        return current;
    }

    LevelThreshold level(int index) {
        return levels[index];
    }

    String alarmId() {
        return alarmId;
    }

    double lastValue() {
        return lastValue;
    }

    RateWindow rateWindow() {
        return rate;
    }
}
