package io.minewatch.gateway.maintenance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The maintenance endpoints, kept out of the API handler so they move with it (an admin action: the caller checks the
 * role before delegating here).
 *
 * <ul>
 *   <li>{@code GET /api/sensors/{id}/maintenance}: the window in force, 404 when none.</li>
 *   <li>{@code POST /api/sensors/{id}/maintenance} with {@code {"reason": "...", "until": "2026-11-24T08:00:00Z",
 *       "by": "name"}}: starts (or replaces) the window, 201 with it; 404 for an unregistered sensor, 400 for a
 *       missing or past {@code until}.</li>
 *   <li>{@code DELETE /api/sensors/{id}/maintenance[?by=name]}: ends it now, 200 with the ended window, 404 when
 *       none.</li>
 * </ul>
 *
 * {@link #describe} adds the {@code maintenance} object to a sensor's row of {@code /api/sensors}.
 */
public final class MaintenanceRoutes {

    private static final Pattern PATH = Pattern.compile("/api/sensors/([^/]+)/maintenance");

    private final MaintenanceBoard board;
    private final ObjectMapper mapper;

    public MaintenanceRoutes(MaintenanceBoard board, ObjectMapper mapper) {
        this.board = Objects.requireNonNull(board, "board");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** True for the paths {@link #handle} serves. */
    public static boolean matches(String path) {
        return PATH.matcher(path).matches();
    }

    public FullHttpResponse handle(FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        Matcher matcher = PATH.matcher(uri.path());
        if (!matcher.matches()) {
            return error(HttpResponseStatus.NOT_FOUND, "no such resource: " + uri.path());
        }
        String sensor = matcher.group(1);
        HttpMethod method = request.method();
        if (HttpMethod.GET.equals(method)) {
            Maintenance m = board.active(sensor);
            return m == null ? error(HttpResponseStatus.NOT_FOUND, "sensor " + sensor + " is not in maintenance")
                    : json(HttpResponseStatus.OK, json(m));
        }
        if (HttpMethod.POST.equals(method)) {
            return start(sensor, request);
        }
        if (HttpMethod.DELETE.equals(method)) {
            String by = Optional.ofNullable(uri.parameters().get("by")).map(values -> values.get(0)).orElse(null);
            return board.end(sensor, by).map(m -> json(HttpResponseStatus.OK, json(m)))
                    .orElseGet(() -> error(HttpResponseStatus.NOT_FOUND, "sensor " + sensor
                            + " is not in maintenance"));
        }
        return error(HttpResponseStatus.METHOD_NOT_ALLOWED, method + " " + uri.path()
                + " (expected: GET, POST or DELETE)");
    }

    private FullHttpResponse start(String sensor, FullHttpRequest request) {
        JsonNode body;
        try {
            body = mapper.readTree(request.content().toString(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            return error(HttpResponseStatus.BAD_REQUEST, "body : not JSON (expected: {\"reason\": \"...\", "
                    + "\"until\": \"2026-11-24T08:00:00Z\", \"by\": \"name\"})");
        }
        if (body == null || !body.isObject()) {
            return error(HttpResponseStatus.BAD_REQUEST, "body : " + body + " (expected: a JSON object)");
        }
        String untilText = body.path("until").asText("");
        Instant until;
        try {
            until = OffsetDateTime.parse(untilText).toInstant();
        } catch (DateTimeParseException e) {
            return error(HttpResponseStatus.BAD_REQUEST, "until : " + untilText
                    + " (expected: an ISO-8601 time with its offset, such as 2026-11-24T08:00:00Z)");
        }
        try {
            Maintenance m = board.start(sensor, body.path("reason").asText(null), until, body.path("by").asText(null));
            return json(HttpResponseStatus.CREATED, json(m));
        } catch (MaintenanceRefusedException e) {
            return error(e.unknownSensor() ? HttpResponseStatus.NOT_FOUND : HttpResponseStatus.BAD_REQUEST,
                    e.getMessage());
        }
    }

    /** Puts the sensor's window, or null, under {@code maintenance} of its row. */
    public void describe(String sensor, ObjectNode row) {
        Maintenance m = board.active(sensor);
        if (m == null) {
            row.putNull("maintenance");
        } else {
            row.set("maintenance", json(m));
        }
    }

    ObjectNode json(Maintenance m) {
        return mapper.createObjectNode()
                .put("sensor", m.sensor())
                .put("site", m.site())
                .put("reason", m.reason())
                .put("by", m.by())
                .put("since", Instant.ofEpochMilli(m.startedAtMillis()).toString())
                .put("until", Instant.ofEpochMilli(m.untilMillis()).toString())
                .put("alarm_id", m.alarmId())
                .put("suppressed_alarms", board.suppressedCount(m.sensor()));
    }

    private FullHttpResponse json(HttpResponseStatus status, JsonNode body) {
        try {
            return response(status, mapper.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maintenance JSON not written", e);
        }
    }

    private FullHttpResponse error(HttpResponseStatus status, String message) {
        return json(status, mapper.createObjectNode().put("status", status.code()).put("error", message));
    }

    private static FullHttpResponse response(HttpResponseStatus status, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return response;
    }
}
