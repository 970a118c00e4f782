package io.minewatch.gateway.pond;

import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import io.minewatch.gateway.conditions.ConditionAlarm;
import io.minewatch.gateway.conditions.ConditionRules;
import io.minewatch.gateway.rules.ActiveAlarm;
import io.minewatch.gateway.rules.AlarmIds;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The combined warning levels of tailings ponds (DOMAIN.md §2), from the threshold alarms of their points.
 *
 * <p>A point is a registered sensor of a {@code tailings_pond} site; its level is the most severe of its active
 * threshold alarms (sensor faults and condition alarms do not count). A monitored item is a kind (water level,
 * phreatic line, displacement...). Per pond and item, {@link PondCombination} makes the item level from its points'
 * levels; per pond, the same table makes the pond level from its items' levels. Each is an alarm of rule
 * {@link ConditionRules#POND_LEVEL} on a pseudo sensor of the pond's site: {@code _pond.<kind>} for an item,
 * {@code _pond} for the whole pond (ids starting with {@code _} cannot clash with configured sensor ids, and carry no
 * {@code /} that would add MQTT topic levels). The whole pond's alarm carries the kind of its most severe item.
 *
 * <p>Event fields: value = number of contributing points (items), threshold = how many of the level below the table
 * needs for the level (1 for a level a single point has); details {@code contributing_points} (or
 * {@code contributing_items}) list each with its level.
 *
 * <p>Not thread-safe: {@link PondAggregator} feeds it from one thread.
 */
public final class PondLevels {

    static final String POND = "_pond";

    private final Set<String> pondSites;
    private final Clock clock;
    private final AlarmIds ids;
    /** site → item → point → alarm id → level. */
    private final Map<String, Map<Kind, Map<String, Map<String, Level>>>> points = new HashMap<>();
    /** pseudo sensor (site/sensor key) → its alarm. */
    private final Map<String, ActiveAlarm> combined = new HashMap<>();

    public PondLevels(Set<String> pondSites, Clock clock, AlarmIds ids) {
        this.pondSites = Set.copyOf(pondSites);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /** Pseudo sensor id of an item. */
    public static String itemSensor(Kind kind) {
        return POND + "." + kind.id();
    }

    /** True when the event can change a pond level: a threshold alarm of a registered point of a pond. */
    public boolean concerns(AlarmEvent event) {
        return pondSites.contains(event.site()) && event.registered() && ConditionRules.isThreshold(event.ruleId());
    }

    /**
     * Seeds the state active before a restart: threshold alarms of points, and pond-level alarms, which continue under
     * their ids. Emits nothing; the next event recomputes.
     */
    public void restore(Collection<ActiveAlarm> alarms) {
        for (ActiveAlarm alarm : alarms) {
            if (!pondSites.contains(alarm.site())) {
                continue;
            }
            if (ConditionRules.POND_LEVEL.equals(alarm.ruleId())) {
                combined.put(key(alarm.site(), alarm.sensor()), alarm);
            } else if (ConditionRules.isThreshold(alarm.ruleId())) {
                pointAlarms(alarm.site(), alarm.kind(), alarm.sensor()).put(alarm.alarmId(), alarm.level());
            }
        }
    }

    /** Takes one alarm event and appends the pond-level transitions it causes. */
    public void apply(AlarmEvent event, List<AlarmEvent> out) {
        if (!concerns(event)) {
            return;
        }
        Map<String, Level> alarms = pointAlarms(event.site(), event.kind(), event.sensor());
        switch (event.transition()) {
            case RAISED, ESCALATED, DEESCALATED -> alarms.put(event.alarmId(), event.level());
            case CLEARED -> alarms.remove(event.alarmId());
            default -> {
                return;
            }
        }
        long readingTime = event.readingTimestampMillis();
        Map<Kind, Map<String, Map<String, Level>>> items = points.get(event.site());
        Map<String, Level> pointLevels = new TreeMap<>();
        for (Map.Entry<String, Map<String, Level>> point : items.get(event.kind()).entrySet()) {
            Level level = max(point.getValue().values());
            if (level != null) {
                pointLevels.put(point.getKey(), level);
            }
        }
        update(event.site(), itemSensor(event.kind()), event.kind(), pointLevels, "contributing_points", readingTime,
                out);
        Map<String, Level> itemLevels = new TreeMap<>();
        Kind leading = null;
        for (Kind kind : items.keySet()) {
            ActiveAlarm item = combined.get(key(event.site(), itemSensor(kind)));
            if (item != null) {
                itemLevels.put(kind.id(), item.level());
                if (leading == null || item.level().isAbove(combined.get(key(event.site(), itemSensor(leading)))
                        .level())) {
                    leading = kind;
                }
            }
        }
        update(event.site(), POND, leading != null ? leading : event.kind(), itemLevels, "contributing_items",
                readingTime, out);
    }

    private void update(String site, String sensor, Kind kind, Map<String, Level> members, String detailKey,
            long readingTime, List<AlarmEvent> out) {
        Level target = PondCombination.combine(members.values());
        String key = key(site, sensor);
        ActiveAlarm current = combined.get(key);
        long now = clock.millis();
        Map<String, String> details = new LinkedHashMap<>();
        StringJoiner list = new StringJoiner(", ");
        members.forEach((id, level) -> list.add(id + "=" + level.id()));
        details.put(detailKey, list.toString());
        details.put("counts", counts(members.values()));
        if (target == null) {
            if (current != null) {
                combined.remove(key);
                ActiveAlarm left = ConditionAlarm.moved(current, current.levelName(), current.level(),
                        current.threshold(), 0, now);
                out.add(ConditionAlarm.event(ids, AlarmTransition.CLEARED, left, current.level(), readingTime, now,
                        true, details));
            }
            return;
        }
        double threshold = PondCombination.needed(target);
        if (current == null) {
            ActiveAlarm raised = new ActiveAlarm(ids.next(), site, sensor, kind, ConditionRules.POND_LEVEL,
                    target.id(), target, threshold, members.size(), now, now);
            combined.put(key, raised);
            out.add(ConditionAlarm.event(ids, AlarmTransition.RAISED, raised, null, readingTime, now, true, details));
        } else if (current.level() != target) {
            ActiveAlarm moved = new ActiveAlarm(current.alarmId(), site, sensor, kind, ConditionRules.POND_LEVEL,
                    target.id(), target, threshold, members.size(), current.raisedAtMillis(), now);
            combined.put(key, moved);
            out.add(ConditionAlarm.event(ids, ConditionAlarm.between(current.level(), target), moved, current.level(),
                    readingTime, now, true, details));
        }
    }

    /** The active pond-level alarms. */
    public List<ActiveAlarm> activeAlarms() {
        return new ArrayList<>(combined.values());
    }

    private Map<String, Level> pointAlarms(String site, Kind kind, String sensor) {
        return points.computeIfAbsent(site, s -> new EnumMap<>(Kind.class))
                .computeIfAbsent(kind, k -> new HashMap<>())
                .computeIfAbsent(sensor, p -> new HashMap<>());
    }

    private static Level max(Collection<Level> levels) {
        Level max = null;
        for (Level level : levels) {
            if (max == null || level.isAbove(max)) {
                max = level;
            }
        }
        return max;
    }

    private static String counts(Collection<Level> levels) {
        Map<Level, Integer> counts = new EnumMap<>(Level.class);
        for (Level level : levels) {
            counts.merge(level, 1, Integer::sum);
        }
        StringJoiner joiner = new StringJoiner(" ");
        counts.forEach((level, n) -> joiner.add(n + " " + level.id()));
        return joiner.toString();
    }

    private static String key(String site, String sensor) {
        return site + "\u0000" + sensor;
    }
}
