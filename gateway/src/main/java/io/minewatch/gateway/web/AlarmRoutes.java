package io.minewatch.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.minewatch.gateway.alarms.AlarmAcknowledger;
import io.minewatch.gateway.alarms.AlarmAlreadyAcknowledgedException;
import io.minewatch.gateway.alarms.AlarmBoard;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmJson;
import io.minewatch.gateway.alarms.StandingAlarm;
import io.minewatch.gateway.alarms.UnknownAlarmException;
import io.minewatch.gateway.auth.Permission;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/alarms} (active or recent transitions, filtered and paged) and {@code POST /api/alarms/{id}/ack}:
 * the acknowledging user is the session's, never a field of the body.
 */
final class AlarmRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmRoutes.class);
    static final int MAX_NOTE_CHARS = 2000;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);

    private final AlarmBoard alarms;
    private final AlarmJson alarmJson;
    private final AlarmAcknowledger acknowledger;

    AlarmRoutes(AlarmBoard alarms, AlarmJson alarmJson, AlarmAcknowledger acknowledger) {
        this.alarms = alarms;
        this.alarmJson = alarmJson;
        this.acknowledger = acknowledger;
    }

    void register(Router router) {
        router.get("/api/alarms", Permission.VIEW_ALARMS,
                "standing alarms (state=active: active, or cleared and unacknowledged, with their acknowledgement) or"
                        + " recent transitions (state=all); filters site, sensor, level, rule", this::list);
        router.post("/api/alarms/{id}/ack", Permission.ACKNOWLEDGE,
                "acknowledge an alarm as the logged-in user, with an optional note", this::acknowledge);
    }

    private ApiResponse list(ApiRequest request) {
        QueryParams params = request.params();
        params.allowOnly("state", "site", "sensor", "level", "rule", "limit", "offset");
        String state = params.string("state") == null ? "active" : params.string("state");
        if (!state.equals("active") && !state.equals("all")) {
            throw new BadRequestException("state : " + state + " (expected: active or all)");
        }
        String site = params.string("site");
        String sensor = params.string("sensor");
        String rule = params.string("rule");
        Set<String> levels = params.choices("level", Set.of("blue", "yellow", "orange", "red"));
        Paging paging = Paging.of(params, 1000, 10_000);
        Predicate<AlarmEvent> matches = e -> (site == null || site.equals(e.site()))
                && (sensor == null || sensor.equals(e.sensor())) && (rule == null || rule.equals(e.ruleId()))
                && (levels.isEmpty() || levels.contains(e.level().id()));
        ArrayNode array = alarmJson.mapper().createArrayNode();
        int total;
        if (state.equals("active")) {
            List<StandingAlarm> matching = alarms.standing().stream().filter(a -> matches.test(a.lastTransition()))
                    .toList();
            paging.page(matching).forEach(alarm -> array.add(alarmJson.toJson(alarm)));
            total = matching.size();
        } else {
            List<AlarmEvent> matching = alarms.recent().stream().filter(matches).toList();
            paging.page(matching).forEach(event -> array.add(alarmJson.toJson(event)));
            total = matching.size();
        }
        return ApiResponse.json(alarmJson.mapper(), array).withHeader(Paging.TOTAL_HEADER, String.valueOf(total));
    }

    private ApiResponse acknowledge(ApiRequest request) throws InterruptedException {
        request.params().allowOnly();
        String alarmId = request.variable("id");
        JsonNode body = request.jsonBody();
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("note")) {
                throw new BadRequestException(name + " : unknown field (expected: only note; the acknowledging"
                        + " user is the one logged in)");
            }
        });
        JsonNode noteNode = body.get("note");
        String note = null;
        if (noteNode != null && !noteNode.isNull()) {
            if (!noteNode.isTextual()) {
                throw new BadRequestException("note : " + noteNode + " (expected: text)");
            }
            note = noteNode.asText().strip();
            if (note.length() > MAX_NOTE_CHARS) {
                throw new BadRequestException("note : " + note.length() + " characters (expected: at most "
                        + MAX_NOTE_CHARS + ")");
            }
            note = note.isEmpty() ? null : note;
        }
        String user = request.user().user();
        AlarmEvent event;
        try {
            event = acknowledger.acknowledge(alarmId, user, note).toCompletableFuture()
                    .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            throw translate(alarmId, e.getCause() == null ? e : e.getCause());
        } catch (UnknownAlarmException | AlarmAlreadyAcknowledgedException e) {
            throw translate(alarmId, e);
        } catch (TimeoutException e) {
            throw new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "acknowledgement of alarm " + alarmId
                    + " not recorded within " + ACK_TIMEOUT.toSeconds() + " s; it may still be: reload the list");
        }
        LOG.info("Alarm {} of sensor {} acknowledged by {}", alarmId, event.sensor(), user);
        return ApiResponse.json(alarmJson.mapper(), alarmJson.toJson(event));
    }

    private static RuntimeException translate(String alarmId, Throwable cause) {
        if (cause instanceof ApiException api) {
            return api;
        }
        if (cause instanceof UnknownAlarmException unknown) {
            return new ApiException(HttpResponseStatus.NOT_FOUND, unknown.getMessage());
        }
        if (cause instanceof AlarmAlreadyAcknowledgedException already) {
            return new ApiException(HttpResponseStatus.CONFLICT, already.getMessage());
        }
        return new IllegalStateException("acknowledging alarm " + alarmId + " failed", cause);
    }
}
