package io.minewatch.gateway.storage;

import io.minewatch.collectors.Reading;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.influxdb.dto.Point;

/**
 * The InfluxDB schema of BRIEF.md, in one place. A reading is a point of measurement {@code kind.id()} with tags
 * {@code site}, {@code sensor} and fields {@code value}, {@code quality}, stamped with the reading's time in ms: the
 * same reading written twice is the same series at the same time, which InfluxDB keeps once. An alarm event is a
 * point of {@code alarm_events}, stamped with the event time.
 *
 * <p>Because an event's series is (site, sensor, rule, transition, level) and its time the event time in ms, two
 * different events of one series in the same millisecond are one point to InfluxDB: the later write replaces the
 * earlier's fields. The alarm engine must therefore give successive events of one sensor distinct event times; the
 * local store, keyed by event id, does not depend on it.
 */
final class InfluxSchema {

    static final String ALARM_EVENTS = "alarm_events";

    /** What {@link InfluxQl#alarmEvents} selects, in this order; {@link #toEvent} reads the row by these names. */
    static final List<String> EVENT_COLUMNS = List.of("time", "id", "alarm_id", "site", "sensor", "kind", "rule",
            "transition", "level", "level_name", "previous_level", "threshold", "value", "reading_time",
            "registered");

    private InfluxSchema() {
    }

    static Point toPoint(Reading reading) {
        return Point.measurement(reading.kind().id())
                .time(reading.timestampMillis(), TimeUnit.MILLISECONDS)
                .tag("site", reading.site())
                .tag("sensor", reading.sensor())
                .addField("value", reading.value())
                .addField("quality", reading.quality().id())
                .build();
    }

    /** Non-finite threshold or value fields are left out (the line protocol cannot carry them) and read back as NaN. */
    static Point toPoint(AlarmEvent event) {
        return Point.measurement(ALARM_EVENTS)
                .time(event.eventTimeMillis(), TimeUnit.MILLISECONDS)
                .tag("site", event.site())
                .tag("sensor", event.sensor())
                .tag("rule", event.ruleId())
                .tag("transition", event.transition().id())
                .tag("level", event.level().id())
                .addField("id", event.id())
                .addField("alarm_id", event.alarmId())
                .addField("kind", event.kind().id())
                .addField("level_name", event.levelName())
                .addField("previous_level", event.previousLevel() == null ? "" : event.previousLevel().id())
                .addField("threshold", event.threshold())
                .addField("value", event.value())
                .addField("reading_time", event.readingTimestampMillis())
                .addField("registered", event.registered())
                .build();
    }

    /**
     * An event from one row of the {@link InfluxQl#alarmEvents} query, or empty when the row cannot be one (a point
     * written by something else, or a kind this version does not know).
     */
    static Optional<AlarmEvent> toEvent(List<String> columns, List<Object> row) {
        Map<String, Object> cells = new HashMap<>();
        for (int i = 0; i < columns.size() && i < row.size(); i++) {
            cells.put(columns.get(i), row.get(i));
        }
        try {
            Optional<Kind> kind = Kind.byId(text(cells, "kind"));
            Optional<Level> level = Level.byId(text(cells, "level"));
            String previous = text(cells, "previous_level");
            if (kind.isEmpty() || level.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new AlarmEvent(text(cells, "id"), text(cells, "alarm_id"),
                    AlarmTransition.valueOf(text(cells, "transition").toUpperCase(Locale.ROOT)),
                    text(cells, "site"), text(cells, "sensor"), kind.get(), text(cells, "rule"),
                    text(cells, "level_name"), level.get(),
                    previous == null || previous.isEmpty() ? null : Level.byId(previous).orElse(null),
                    number(cells, "threshold"), number(cells, "value"),
                    (long) number(cells, "reading_time"), (long) number(cells, "time"),
                    Boolean.TRUE.equals(cells.get("registered"))));
        } catch (RuntimeException notAnEvent) {
            return Optional.empty();
        }
    }

    private static String text(Map<String, Object> cells, String column) {
        Object cell = cells.get(column);
        return cell == null ? null : cell.toString();
    }

    private static double number(Map<String, Object> cells, String column) {
        return cells.get(column) instanceof Number number ? number.doubleValue() : Double.NaN;
    }
}
