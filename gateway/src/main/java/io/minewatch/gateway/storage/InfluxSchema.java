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
 * same reading written twice is the same series at the same time, which InfluxDB keeps once.
 *
 * <p>An alarm event is a point of {@code alarm_events} in the series (site, sensor, rule, transition, level), stamped
 * with the time of the reading that caused it, not with the time the gateway decided it. Its identity is thus a
 * function of its cause: one reading causes at most one transition per rule, and when the same reading is evaluated
 * again after a crash (the broker redelivers what was not acknowledged) the event it causes, with a new id and event
 * time, overwrites the first point instead of adding a second. The decision time is the field {@code event_time}.
 *
 * <p>Points written before this schema (version 1) carry the event time as their time and have no {@code event_time}
 * field; they read back the same. The {@code reading_time} field is kept in both, so that queries written against
 * the first schema still find it.
 */
final class InfluxSchema {

    static final String ALARM_EVENTS = "alarm_events";

    /** What {@link InfluxQl#alarmEvents} selects, in this order; {@link #toEvent} reads the row by these names. */
    static final List<String> EVENT_COLUMNS = List.of("time", "id", "alarm_id", "site", "sensor", "kind", "rule",
            "transition", "level", "level_name", "previous_level", "threshold", "value", "reading_time",
            "event_time", "registered", "details");

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

    /**
     * Non-finite threshold or value fields are left out (the line protocol cannot carry them) and read back as NaN.
     * The details (who acknowledged, the note, the contact told...) are one JSON text field {@code details}, left out
     * when there are none; points written before it read back without details.
     */
    static Point toPoint(AlarmEvent event) {
        Point.Builder point = Point.measurement(ALARM_EVENTS)
                .time(event.readingTimestampMillis(), TimeUnit.MILLISECONDS)
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
                .addField("event_time", event.eventTimeMillis())
                .addField("registered", event.registered());
        String details = DetailsText.toText(event.details());
        if (details != null) {
            point.addField("details", details);
        }
        return point.build();
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
                    (long) number(cells, "reading_time"), eventTime(cells),
                    Boolean.TRUE.equals(cells.get("registered")), DetailsText.fromText(text(cells, "details"))));
        } catch (RuntimeException notAnEvent) {
            return Optional.empty();
        }
    }

    /** A version-1 point has no {@code event_time}: its time is the event time. */
    private static long eventTime(Map<String, Object> cells) {
        double eventTime = number(cells, "event_time");
        return (long) (Double.isNaN(eventTime) ? number(cells, "time") : eventTime);
    }

    private static String text(Map<String, Object> cells, String column) {
        Object cell = cells.get(column);
        return cell == null ? null : cell.toString();
    }

    private static double number(Map<String, Object> cells, String column) {
        return cells.get(column) instanceof Number number ? number.doubleValue() : Double.NaN;
    }
}
