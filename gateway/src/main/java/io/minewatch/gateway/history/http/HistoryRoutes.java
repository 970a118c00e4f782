package io.minewatch.gateway.history.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.gateway.storage.StoreUnavailableException;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import io.minewatch.gateway.auth.Permission;
import io.minewatch.gateway.web.StreamedRoutes;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engineers' HTTP routes, answered on a worker pool of their own (a month's export must not hold up the API's
 * threads) and streamed as chunked responses: each {@link Route} writes its body to an {@link OutputStream} that
 * waits for a slow client. The API handler hands a request here when {@link #handles} says so.
 */
public final class HistoryRoutes implements StreamedRoutes {

    /** One route's work, run on the worker pool. */
    public interface Route {
        /** Checks the request and returns what to stream; throws IllegalArgumentException for a bad request. */
        Body prepare(Request request) throws StoreUnavailableException, IOException;
    }

    /** A response body about to be streamed. */
    public interface Body {
        String contentType();

        void write(OutputStream out) throws StoreUnavailableException, IOException;
    }

    /** What a route reads of a request (copied, since the request is released when the handler returns). */
    public record Request(HttpMethod method, String path, Params params, String body) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(HistoryRoutes.class);

    private final Map<String, Map<HttpMethod, Route>> routes;
    private final ExecutorService workers;
    private final ObjectMapper mapper;

    public HistoryRoutes(Map<String, Map<HttpMethod, Route>> routes, ExecutorService workers, ObjectMapper mapper) {
        this.routes = Map.copyOf(Objects.requireNonNull(routes, "routes"));
        this.workers = Objects.requireNonNull(workers, "workers");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** Alarm history needs what viewing alarms needs (regulators read it); the rest are engineers' tools. */
    @Override
    public Map<String, Permission> paths() {
        Map<String, Permission> paths = new java.util.HashMap<>();
        for (String path : routes.keySet()) {
            paths.put(path, path.startsWith("/api/alarms/") ? Permission.VIEW_ALARMS : Permission.HISTORY);
        }
        return paths;
    }

    @Override
    public java.util.Set<String> endpoints() {
        java.util.Set<String> endpoints = new java.util.TreeSet<>();
        routes.forEach((path, methods) -> methods.keySet().forEach(m -> endpoints.add(m.name() + " " + path)));
        return endpoints;
    }

    /** True when {@code uri} is one of these routes, whatever the method. */
    public boolean handles(String uri) {
        return routes.containsKey(new QueryStringDecoder(uri).path());
    }

    /** Answers the request (asynchronously); call on the channel's handler thread before the request is released. */
    @Override
    public void handle(Channel channel, FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        Route route = routes.getOrDefault(uri.path(), Map.of()).get(request.method());
        if (route == null) {
            error(channel, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, request.method() + " " + uri.path()
                    + " (expected: " + routes.getOrDefault(uri.path(), Map.of()).keySet() + ")");
            return;
        }
        Request copy = new Request(request.method(), uri.path(), new Params(uri.parameters()),
                request.content().toString(StandardCharsets.UTF_8));
        try {
            workers.execute(() -> serve(channel, keepAlive, route, copy));
        } catch (RejectedExecutionException busy) {
            error(channel, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE, "too many history requests at once");
        }
    }

    private void serve(Channel channel, boolean keepAlive, Route route, Request request) {
        Body body;
        try {
            body = route.prepare(request);
        } catch (IllegalArgumentException e) {
            error(channel, keepAlive, HttpResponseStatus.BAD_REQUEST, e.getMessage());
            return;
        } catch (StoreUnavailableException e) {
            error(channel, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE, "store unavailable: " + e.getMessage());
            return;
        } catch (IOException | RuntimeException e) {
            LOG.error("HTTP {} {} failed", request.method(), request.path(), e);
            error(channel, keepAlive, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + e);
            return;
        }
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, body.contentType());
        head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        // Lets a page read a replay as it arrives instead of after proxies have buffered it.
        head.headers().set("X-Accel-Buffering", "no");
        HttpUtil.setTransferEncodingChunked(head, true);
        if (keepAlive) {
            HttpUtil.setKeepAlive(head, true);
        }
        channel.writeAndFlush(head);
        try (ChannelOutputStream out = new ChannelOutputStream(channel)) {
            body.write(out);
        } catch (IOException | StoreUnavailableException | RuntimeException e) {
            // The status is sent: a cut-off body is how the client learns of the failure. A client that went away
            // (a replay page seeking or closed) is normal use, not a warning.
            if (channel.isActive()) {
                LOG.warn("HTTP {} {} to {} stopped mid-stream: {}", request.method(), request.path(),
                        channel.remoteAddress(), e.toString());
            } else {
                LOG.debug("HTTP {} {}: client {} went away mid-stream", request.method(), request.path(),
                        channel.remoteAddress());
            }
            channel.close();
            return;
        }
        if (!keepAlive) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void error(Channel channel, boolean keepAlive, HttpResponseStatus status, String message) {
        ObjectNode json = mapper.createObjectNode().put("status", status.code()).put("error", message);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(json.toString().getBytes(StandardCharsets.UTF_8)));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        HttpUtil.setContentLength(response, response.content().readableBytes());
        if (keepAlive) {
            HttpUtil.setKeepAlive(response, true);
            channel.writeAndFlush(response);
        } else {
            channel.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

}
