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
import java.util.Map;
import java.util.Optional;
import io.minewatch.gateway.auth.Permission;
import io.minewatch.gateway.web.ApiResponse;
import io.minewatch.gateway.web.Route;
import io.minewatch.gateway.web.Router;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The maintenance endpoints, registered on the control room's router by {@link #register}: viewing needs
 * {@link Permission#VIEW_LIVE}, starting and ending a window {@link Permission#CONFIGURE} (admin), and the person is
 * the logged-in user. {@link #handle} serves the same endpoints from a raw request, naming the person from the body.
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
    private static final String ROUTE = "/api/sensors/{id}/maintenance";

    private final MaintenanceBoard board;
    private final ObjectMapper mapper;

    public MaintenanceRoutes(MaintenanceBoard board, ObjectMapper mapper) {
        this.board = Objects.requireNonNull(board, "board");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** Registers GET, POST and DELETE {@code /api/sensors/{id}/maintenance} on {@code router}. */
    public void register(Router router) {
        router.get(ROUTE, Permission.VIEW_LIVE, "The sensor's maintenance window (404 when none)",
                request -> answer(get(request.variable("id"))));
        router.post(ROUTE, Permission.CONFIGURE, "Start (or replace) a maintenance window: {reason, until}",
                request -> answer(start(request.variable("id"), request.body(), request.user().user())));
        router.add(new Route(HttpMethod.DELETE, ROUTE, Permission.CONFIGURE, false, "End the maintenance window now",
                request -> answer(end(request.variable("id"), request.user().user()))));
    }

    private ApiResponse answer(FullHttpResponse response) {
        try {
            byte[] body = new byte[response.content().readableBytes()];
            response.content().readBytes(body);
            return new ApiResponse(response.status(), body, ApiResponse.JSON, Map.of());
        } finally {
            response.release();
        }
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
            return get(sensor);
        }
        if (HttpMethod.POST.equals(method)) {
            byte[] body = new byte[request.content().readableBytes()];
            request.content().getBytes(request.content().readerIndex(), body);
            return start(sensor, body, null);
        }
        if (HttpMethod.DELETE.equals(method)) {
            return end(sensor, Optional.ofNullable(uri.parameters().get("by")).map(values -> values.get(0))
                    .orElse(null));
        }
        return error(HttpResponseStatus.METHOD_NOT_ALLOWED, method + " " + uri.path()
                + " (expected: GET, POST or DELETE)");
    }

    private FullHttpResponse get(String sensor) {
        Maintenance m = board.active(sensor);
        return m == null ? error(HttpResponseStatus.NOT_FOUND, "sensor " + sensor + " is not in maintenance")
                : json(HttpResponseStatus.OK, json(m));
    }

    private FullHttpResponse end(String sensor, String by) {
        return board.end(sensor, by).map(m -> json(HttpResponseStatus.OK, json(m)))
                .orElseGet(() -> error(HttpResponseStatus.NOT_FOUND, "sensor " + sensor + " is not in maintenance"));
    }

    /** @param user the logged-in person, who is named instead of any {@code by} in the body; null: from the body */
    private FullHttpResponse start(String sensor, byte[] bytes, String user) {
        JsonNode body;
        try {
            body = mapper.readTree(new String(bytes, StandardCharsets.UTF_8));
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
            String by = user != null ? user : body.path("by").asText(null);
            Maintenance m = board.start(sensor, body.path("reason").asText(null), until, by);
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
