package io.minewatch.gateway.web;

import io.minewatch.gateway.auth.Permission;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One endpoint: a method, a path pattern whose {@code {name}} segments are variables, who may call it, and its
 * handler.
 *
 * @param permission what the caller's role must hold; null for an open route (no login needed)
 * @param openOnLoopback true when a client on the gateway's own host needs no login (for {@code /metrics})
 * @param summary    one line for the OpenAPI document and logs
 */
public record Route(HttpMethod method, String pattern, Permission permission, boolean openOnLoopback,
        String summary, RouteHandler handler) {

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(handler, "handler");
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("pattern : " + pattern + " (expected: starting with /)");
        }
    }

    List<String> segments() {
        return List.of(pattern.substring(1).split("/", -1));
    }

    /** The variables of {@code path} when it fits the pattern, else null. */
    Map<String, String> match(List<String> pathSegments) {
        List<String> own = segments();
        if (own.size() != pathSegments.size()) {
            return null;
        }
        Map<String, String> variables = null;
        for (int i = 0; i < own.size(); i++) {
            String segment = own.get(i);
            String actual = pathSegments.get(i);
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (actual.isEmpty()) {
                    return null;
                }
                if (variables == null) {
                    variables = new java.util.HashMap<>();
                }
                variables.put(segment.substring(1, segment.length() - 1), actual);
            } else if (!segment.equals(actual)) {
                return null;
            }
        }
        return variables == null ? Map.of() : variables;
    }
}
