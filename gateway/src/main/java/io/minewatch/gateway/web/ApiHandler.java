package io.minewatch.gateway.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.collectors.Collector;
import io.minewatch.collectors.CollectorHealth;
import io.minewatch.collectors.Reading;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.sites.SensorConfig;
import io.minewatch.config.sites.SiteConfig;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.SystemAlarms;
import io.minewatch.gateway.history.http.HistoryApi;
import io.minewatch.gateway.history.http.HistoryRoutes;
import io.minewatch.gateway.storage.HistoryPoint;
import io.minewatch.gateway.storage.SpoolStatus;
import io.minewatch.gateway.storage.StoreAndForward;
import io.minewatch.gateway.storage.StoreUnavailableException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON endpoints of BRIEF.md that this version serves: {@code /health}, {@code /metrics}, {@code /api/sites},
 * {@code /api/sensors}, {@code /api/alarms} and {@code /api/history}.
 */
@Sharable
public final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    /** A raw history longer than this must be asked for with a step. */
    static final int MAX_RAW_POINTS = 20_000;

    private final ApiContext ctx;
    private final HistoryRoutes history;

    public ApiHandler(ApiContext ctx) {
        this.ctx = ctx;
        this.history = HistoryApi.routes(ctx.config(), ctx.store(), ctx.alarmJson(), ctx.mapper(), ctx.clock());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext channel, FullHttpRequest request) {
        if (history.handles(request.uri())) {
            history.handle(channel.channel(), request);
            return;
        }
        FullHttpResponse response;
        try {
            response = route(request);
        } catch (BadRequestException e) {
            response = error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        } catch (StoreUnavailableException e) {
            response = error(HttpResponseStatus.SERVICE_UNAVAILABLE, "store unavailable: " + e.getMessage());
        } catch (RuntimeException | IOException e) {
            LOG.error("HTTP {} {} failed", request.method(), request.uri(), e);
            response = error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + e);
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        if (keepAlive) {
            HttpUtil.setKeepAlive(response, true);
            channel.writeAndFlush(response);
        } else {
            channel.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private FullHttpResponse route(FullHttpRequest request) throws IOException, StoreUnavailableException {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        QueryParams params = new QueryParams(uri);
        if (!HttpMethod.GET.equals(request.method())) {
            return error(HttpResponseStatus.METHOD_NOT_ALLOWED, request.method() + " " + path
                    + " (expected: GET)");
        }
        return switch (path) {
            case "/health" -> health();
            case "/metrics" -> text(ctx.metrics().scrape(), "text/plain; version=0.0.4; charset=utf-8");
            case "/api/sites" -> json(sites());
            case "/api/sensors" -> json(sensors(params));
            case "/api/alarms" -> json(alarms(params));
            case "/api/history" -> json(history(params));
            default -> error(HttpResponseStatus.NOT_FOUND, "no such resource: " + path);
        };
    }

    private FullHttpResponse health() throws JsonProcessingException {
        ObjectNode root = ctx.mapper().createObjectNode();
        boolean up = true;
        ArrayNode collectors = root.putArray("collectors");
        for (Collector collector : ctx.collectors()) {
            CollectorHealth health = collector.health();
            up &= health.isUp();
            collectors.addObject()
                    .put("name", collector.name())
                    .put("state", health.state().name().toLowerCase())
                    .put("detail", health.detail())
                    .put("since", health.since().toString());
        }
        boolean storeUp = ctx.store().isReachable();
        up &= storeUp;
        ObjectNode storage = root.putObject("storage").put("name", ctx.store().name()).put("reachable", storeUp);
        if (ctx.store() instanceof StoreAndForward forwarding) {
            SpoolStatus spool = forwarding.status();
            storage.putObject("spool")
                    .put("points", spool.points())
                    .put("bytes", spool.bytes())
                    .put("max_bytes", spool.maxBytes())
                    .put("oldest_age_ms", spool.oldestAgeMillis())
                    .put("level", spool.level().name().toLowerCase());
        }
        ArrayNode system = root.putArray("system_alarms");
        for (SystemAlarms.SystemAlarm alarm : ctx.systemAlarms().active()) {
            up = false;
            system.addObject().put("code", alarm.code()).put("level", alarm.level().id())
                    .put("message", alarm.message())
                    .put("since", Instant.ofEpochMilli(alarm.sinceMillis()).toString());
        }
        root.putObject("pipeline").put("in_flight", ctx.pipeline().inFlight());
        root.put("active_alarms", ctx.alarms().activeCount());
        root.put("status", up ? "up" : "degraded");
        root.put("time", Instant.ofEpochMilli(ctx.clock().millis()).toString());
        FullHttpResponse response = json(root);
        if (!up) {
            response.setStatus(HttpResponseStatus.SERVICE_UNAVAILABLE);
        }
        return response;
    }

    private JsonNode sites() {
        ArrayNode sites = ctx.mapper().createArrayNode();
        for (SiteConfig site : ctx.config().sites()) {
            sites.addObject()
                    .put("id", site.id())
                    .put("type", site.type().id())
                    .put("name", site.name())
                    .put("sensors", site.sensors().size());
        }
        return sites;
    }

    private JsonNode sensors(QueryParams params) {
        String site = params.string("site");
        long now = ctx.clock().millis();
        List<ObjectNode> rows = new ArrayList<>();
        for (SensorConfig sensor : ctx.config().sensorsById().values()) {
            if (site == null || site.equals(sensor.site())) {
                rows.add(sensorRow(sensor.id(), sensor.site(), sensor.kind(), sensor.location(), true, now));
            }
        }
        for (Reading reading : ctx.live().all()) {
            if (!reading.registered() && (site == null || site.equals(reading.site()))) {
                rows.add(sensorRow(reading.sensor(), reading.site(), reading.kind(), "", false, now));
            }
        }
        rows.sort(Comparator.comparing((ObjectNode n) -> n.get("site").asText())
                .thenComparing(n -> n.get("sensor").asText()));
        ArrayNode array = ctx.mapper().createArrayNode();
        array.addAll(rows);
        return array;
    }

    private ObjectNode sensorRow(String id, String site, Kind kind, String location, boolean registered, long now) {
        ObjectNode row = ctx.mapper().createObjectNode()
                .put("sensor", id)
                .put("site", site)
                .put("kind", kind.id())
                .put("unit", kind.canonicalUnit().symbol())
                .put("location", location)
                .put("registered", registered);
        Reading latest = ctx.live().latest(id);
        if (latest == null) {
            row.putNull("value");
            row.putNull("time");
            row.putNull("quality");
            row.put("stale", true);
        } else {
            long age = Math.max(0, now - latest.timestampMillis());
            row.put("value", latest.value())
                    .put("time", Instant.ofEpochMilli(latest.timestampMillis()).toString())
                    .put("age_ms", age)
                    .put("quality", latest.quality().id())
                    .put("stale", age > ctx.staleAfter().toMillis());
        }
        ctx.alarms().levelOf(id).ifPresentOrElse(level -> row.put("level", level.id()), () -> row.putNull("level"));
        return row;
    }

    private JsonNode alarms(QueryParams params) {
        String state = params.string("state") == null ? "active" : params.string("state");
        List<AlarmEvent> events = switch (state) {
            case "active" -> ctx.alarms().active();
            case "all" -> ctx.alarms().recent();
            default -> throw new BadRequestException("state : " + state + " (expected: active or all)");
        };
        ArrayNode array = ctx.mapper().createArrayNode();
        for (AlarmEvent event : events) {
            array.add(ctx.alarmJson().toJson(event));
        }
        return array;
    }

    private JsonNode history(QueryParams params) throws StoreUnavailableException {
        String sensor = params.required("sensor");
        Kind kind = kindOf(sensor);
        long now = ctx.clock().millis();
        Long to = params.instantMillis("to");
        Long from = params.instantMillis("from");
        long toMillis = to == null ? now : to;
        long fromMillis = from == null ? toMillis - Duration.ofHours(1).toMillis() : from;
        if (fromMillis >= toMillis) {
            throw new BadRequestException("from : " + Instant.ofEpochMilli(fromMillis) + " (expected: before to "
                    + Instant.ofEpochMilli(toMillis) + ")");
        }
        Duration step = params.duration("step");
        List<HistoryPoint> points = ctx.store().history(kind, sensor, fromMillis, toMillis, step);
        if (step == null && points.size() > MAX_RAW_POINTS) {
            throw new BadRequestException("step : missing (expected: a step such as 1m, since the period holds "
                    + points.size() + " raw points, more than " + MAX_RAW_POINTS + ")");
        }
        ObjectNode root = ctx.mapper().createObjectNode()
                .put("sensor", sensor)
                .put("kind", kind.id())
                .put("unit", kind.canonicalUnit().symbol())
                .put("from", Instant.ofEpochMilli(fromMillis).toString())
                .put("to", Instant.ofEpochMilli(toMillis).toString());
        if (step == null) {
            root.putNull("step");
        } else {
            root.put("step", step.toString());
        }
        ArrayNode array = root.putArray("points");
        for (HistoryPoint point : points) {
            ObjectNode node = array.addObject().put("time", Instant.ofEpochMilli(point.timestampMillis()).toString());
            if (step == null) {
                node.put("value", point.last());
            } else {
                node.put("mean", point.mean()).put("min", point.min()).put("max", point.max())
                        .put("last", point.last()).put("count", point.count());
            }
        }
        return root;
    }

    private Kind kindOf(String sensor) {
        SensorConfig registered = ctx.registry().sensor(sensor);
        if (registered != null) {
            return registered.kind();
        }
        Reading latest = ctx.live().latest(sensor);
        if (latest != null) {
            return latest.kind();
        }
        throw new BadRequestException("sensor : " + sensor + " (expected: a registered sensor or one seen since start)");
    }

    private FullHttpResponse json(JsonNode body) throws JsonProcessingException {
        return response(HttpResponseStatus.OK, ctx.mapper().writeValueAsBytes(body), "application/json");
    }

    private FullHttpResponse text(String body, String contentType) {
        return response(HttpResponseStatus.OK, body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    private FullHttpResponse error(HttpResponseStatus status, String message) {
        ObjectNode body = ctx.mapper().createObjectNode().put("status", status.code()).put("error", message);
        try {
            return response(status, ctx.mapper().writeValueAsBytes(body), "application/json");
        } catch (JsonProcessingException e) {
            return response(status, message.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
        }
    }

    private static FullHttpResponse response(HttpResponseStatus status, byte[] body, String contentType) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return response;
    }
}
