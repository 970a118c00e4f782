package io.minewatch.gateway.history.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmJson;
import io.minewatch.gateway.alarms.AlarmTransition;
import io.minewatch.gateway.storage.StoreUnavailableException;
import io.minewatch.gateway.storage.TimeSeriesStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/alarms/history?site=&sensor=&level=&transition=&from=&to=&limit=}: stored alarm events (raised,
 * escalated, acknowledged with who and the note in {@code details}, cleared, ...) oldest first. {@code level} keeps
 * events at that level or more severe; {@code from} defaults to a day before {@code to} (default now).
 */
final class AlarmHistoryEndpoint implements HistoryRoutes.Route {

    static final int DEFAULT_LIMIT = 10_000;

    private final TimeSeriesStore store;
    private final AlarmJson alarmJson;
    private final Clock clock;

    AlarmHistoryEndpoint(TimeSeriesStore store, AlarmJson alarmJson, Clock clock) {
        this.store = store;
        this.alarmJson = alarmJson;
        this.clock = clock;
    }

    @Override
    public HistoryRoutes.Body prepare(HistoryRoutes.Request request) throws StoreUnavailableException {
        Params params = request.params();
        String site = params.string("site");
        String sensor = params.string("sensor");
        Level level = params.string("level") == null ? null : Level.byId(params.string("level")).orElseThrow(() ->
                new IllegalArgumentException("level : " + params.string("level")
                        + " (expected: blue, yellow, orange or red)"));
        AlarmTransition transition = params.string("transition") == null ? null : transition(params.string("transition"));
        Long to = params.instant("to");
        long toMillis = to == null ? clock.millis() : to;
        Long from = params.instant("from");
        long fromMillis = from == null ? toMillis - Duration.ofDays(1).toMillis() : from;
        int limit = params.string("limit") == null ? DEFAULT_LIMIT : limit(params.string("limit"));
        List<AlarmEvent> events = store.alarmEvents(sensor, fromMillis, toMillis).stream()
                .filter(e -> site == null || site.equals(e.site()))
                .filter(e -> level == null || e.level().severity() >= level.severity())
                .filter(e -> transition == null || e.transition() == transition)
                .limit(limit).toList();
        return ReplayEndpoints.body("application/json", out -> {
            try (JsonGenerator json = alarmJson.mapper().getFactory().createGenerator(out)) {
                json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                json.writeStartArray();
                for (AlarmEvent event : events) {
                    json.writeTree(alarmJson.toJson(event));
                }
                json.writeEndArray();
            }
        });
    }

    private static AlarmTransition transition(String text) {
        try {
            return AlarmTransition.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("transition : " + text + " (expected: raised, escalated, deescalated,"
                    + " acknowledged, cleared, unacknowledged, shelved or unshelved)");
        }
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit <= 0) {
                throw new NumberFormatException();
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit : " + text + " (expected: a whole number > 0)");
        }
    }
}
