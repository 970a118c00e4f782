package io.minewatch.gateway.web;

import io.minewatch.gateway.auth.Permission;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The API's routes. Others add theirs with one line each, naming what the caller must be allowed:
 *
 * <pre>{@code
 * router.get("/api/history", Permission.HISTORY, "a sensor's stored history", history::get);
 * router.post("/api/sensors/{id}/maintenance", Permission.CONFIGURE, "maintenance mode", maintenance::set);
 * }</pre>
 */
public final class Router {

    private final List<Route> routes = new ArrayList<>();

    public Router add(Route route) {
        for (Route existing : routes) {
            if (existing.method().equals(route.method()) && existing.pattern().equals(route.pattern())) {
                throw new IllegalArgumentException("route : " + route.method() + " " + route.pattern()
                        + " (expected: registered once)");
            }
        }
        routes.add(route);
        return this;
    }

    public Router get(String pattern, Permission permission, String summary, RouteHandler handler) {
        return add(new Route(HttpMethod.GET, pattern, permission, false, summary, handler));
    }

    public Router post(String pattern, Permission permission, String summary, RouteHandler handler) {
        return add(new Route(HttpMethod.POST, pattern, permission, false, summary, handler));
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** What a request's method and path lead to. */
    public sealed interface Match permits Found, WrongMethod, NotFound {
    }

    public record Found(Route route, Map<String, String> variables) implements Match {
    }

    public record WrongMethod(Set<String> allowed) implements Match {
    }

    public record NotFound() implements Match {
    }

    public Match match(HttpMethod method, String path) {
        List<String> segments = List.of(path.substring(1).split("/", -1)).stream()
                .map(s -> QueryStringDecoder.decodeComponent(s)).toList();
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Map<String, String> variables = route.match(segments);
            if (variables == null) {
                continue;
            }
            if (route.method().equals(method) || (HttpMethod.HEAD.equals(method)
                    && HttpMethod.GET.equals(route.method()))) {
                return new Found(route, variables);
            }
            allowed.add(route.method().name());
        }
        return allowed.isEmpty() ? new NotFound() : new WrongMethod(allowed);
    }
}
