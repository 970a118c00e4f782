package io.minewatch.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.gateway.auth.Authenticator;
import io.minewatch.gateway.auth.Permission;
import io.minewatch.gateway.auth.Session;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /api/login}, {@code POST /api/logout} and {@code GET /api/session}. */
final class SessionRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRoutes.class);

    private final Authenticator authenticator;
    private final ObjectMapper mapper;
    private final boolean secure;

    SessionRoutes(Authenticator authenticator, ObjectMapper mapper, boolean secure) {
        this.authenticator = authenticator;
        this.mapper = mapper;
        this.secure = secure;
    }

    void register(Router router) {
        router.post("/api/login", null, "log in with {name, password}: a session token (body and HttpOnly cookie)",
                this::login);
        router.post("/api/logout", Permission.SESSION, "end the session", this::logout);
        router.get("/api/session", Permission.SESSION, "who is logged in, with which role and permissions",
                this::session);
    }

    private ApiResponse login(ApiRequest request) {
        request.params().allowOnly();
        JsonNode body = request.jsonBody();
        String name = text(body, "name");
        String password = text(body, "password");
        Optional<Session> session = authenticator.login(name, password.toCharArray());
        if (session.isEmpty()) {
            LOG.warn("Login refused for user '{}'", name);
            return ApiResponse.error(mapper, HttpResponseStatus.UNAUTHORIZED, "name or password is wrong");
        }
        LOG.info("User {} logged in as {}", name, session.get().role().id());
        ObjectNode answer = describe(session.get()).put("token", session.get().token());
        return ApiResponse.json(mapper, answer).withHeader("Set-Cookie", cookie(session.get().token(),
                authenticator.sessions().ttl().toSeconds()));
    }

    private ApiResponse logout(ApiRequest request) {
        authenticator.sessions().close(request.user().token());
        return ApiResponse.json(mapper, mapper.createObjectNode().put("logged_out", request.user().user()))
                .withHeader("Set-Cookie", cookie("", 0));
    }

    private ApiResponse session(ApiRequest request) {
        request.params().allowOnly();
        return ApiResponse.json(mapper, describe(request.user()));
    }

    private ObjectNode describe(Session session) {
        ObjectNode node = mapper.createObjectNode()
                .put("user", session.user())
                .put("role", session.role().id())
                .put("expires", Instant.ofEpochMilli(session.expiresAtMillis()).toString());
        ArrayNode permissions = node.putArray("permissions");
        for (Permission permission : Permission.values()) {
            if (session.allows(permission)) {
                permissions.add(permission.name().toLowerCase());
            }
        }
        return node;
    }

    private String cookie(String token, long maxAgeSeconds) {
        DefaultCookie cookie = new DefaultCookie(SessionTokens.COOKIE, token);
        cookie.setHttpOnly(true);
        cookie.setSecure(secure);
        cookie.setPath("/");
        cookie.setMaxAge(maxAgeSeconds);
        cookie.setSameSite(io.netty.handler.codec.http.cookie.CookieHeaderNames.SameSite.Strict);
        return ServerCookieEncoder.STRICT.encode(cookie);
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            throw new BadRequestException(field + " : " + (node == null ? "missing" : "not text")
                    + " (expected: a non-empty string)");
        }
        return node.asText();
    }
}
