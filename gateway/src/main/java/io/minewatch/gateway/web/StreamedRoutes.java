package io.minewatch.gateway.web;

import io.minewatch.gateway.auth.Permission;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import java.util.Map;
import java.util.Set;

/**
 * Endpoints that answer with a stream (chunked history, replay, what-if) and so write to the channel themselves
 * instead of returning an {@link ApiResponse}. The API handler authorizes the caller first, exactly as for a routed
 * endpoint.
 */
public interface StreamedRoutes {

    StreamedRoutes NONE = new StreamedRoutes() {
        @Override
        public Map<String, Permission> paths() {
            return Map.of();
        }

        @Override
        public Set<String> endpoints() {
            return Set.of();
        }

        @Override
        public void handle(Channel channel, FullHttpRequest request) {
            throw new IllegalStateException("no streamed routes");
        }
    };

    /** Each path served, with the permission its caller needs. */
    Map<String, Permission> paths();

    /** Every endpoint as {@code METHOD /path}, for the OpenAPI document. */
    Set<String> endpoints();

    /** Answers (asynchronously); called on the channel's thread before the request is released. */
    void handle(Channel channel, FullHttpRequest request);
}
