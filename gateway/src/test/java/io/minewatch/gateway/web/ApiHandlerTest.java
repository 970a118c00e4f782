package io.minewatch.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.config.access.Role;
import io.minewatch.gateway.auth.Permission;
import io.minewatch.gateway.auth.Session;
import io.minewatch.gateway.auth.SessionStore;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Routing and authorization without sockets: 401 vs 403, loopback-open routes, expiry, variables. */
class ApiHandlerTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };
    private final SessionStore sessions = new SessionStore(clock, new SecureRandom(), Duration.ofHours(1));
    private final Router router = new Router()
            .get("/api/things/{id}", Permission.HISTORY, "a thing", r -> ApiResponse.text(r.variable("id") + " for "
                    + r.user().user(), "text/plain"))
            .add(new Route(HttpMethod.GET, "/metrics", Permission.METRICS, true, "metrics",
                    r -> ApiResponse.text("up 1", "text/plain")));
    private final ApiHandler handler = new ApiHandler(router, new SessionTokens(sessions),
            new StaticFiles(getClass().getClassLoader()), null, mapper);

    private ApiResponse serve(String uri, Session session, boolean loopback) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        if (session != null) {
            request.headers().set("Authorization", "Bearer " + session.token());
        }
        try {
            return handler.serve(request, new QueryStringDecoder(uri), loopback);
        } finally {
            request.release();
        }
    }

    @Test
    void answers401WithoutSessionAnd403ForARoleWithoutThePermission() {
        assertThat(serve("/api/things/7", null, false).status()).isEqualTo(HttpResponseStatus.UNAUTHORIZED);
        assertThat(serve("/api/things/7", sessions.open("o", Role.OPERATOR), false).status())
                .isEqualTo(HttpResponseStatus.FORBIDDEN);
        ApiResponse allowed = serve("/api/things/a%20b", sessions.open("e", Role.ENGINEER), false);
        assertThat(allowed.status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(new String(allowed.body())).isEqualTo("a b for e");
    }

    @Test
    void metricsAreOpenOnLoopbackAndForAdminsElsewhere() {
        assertThat(serve("/metrics", null, true).status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(serve("/metrics", null, false).status()).isEqualTo(HttpResponseStatus.UNAUTHORIZED);
        assertThat(serve("/metrics", sessions.open("e", Role.ENGINEER), false).status())
                .isEqualTo(HttpResponseStatus.FORBIDDEN);
        assertThat(serve("/metrics", sessions.open("a", Role.ADMIN), false).status())
                .isEqualTo(HttpResponseStatus.OK);
    }

    @Test
    void aSessionExpiresAfterItsLifetime() {
        Session session = sessions.open("e", Role.ENGINEER);
        now.addAndGet(Duration.ofMinutes(59).toMillis());
        assertThat(serve("/api/things/1", session, false).status()).isEqualTo(HttpResponseStatus.OK);

        now.addAndGet(Duration.ofMinutes(2).toMillis());

        assertThat(serve("/api/things/1", session, false).status()).isEqualTo(HttpResponseStatus.UNAUTHORIZED);
    }

    @Test
    void aRouteRegisteredTwiceIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> router.get("/api/things/{id}", Permission.VIEW_LIVE,
                "again", r -> null)).hasMessage("route : GET /api/things/{id} (expected: registered once)");
    }

    @Test
    void everyRoleHoldsExactlyItsPermissions() {
        assertThat(Permission.ACKNOWLEDGE.grantedTo(Role.REGULATOR)).isFalse();
        assertThat(Permission.VIEW_LIVE.grantedTo(Role.REGULATOR)).isFalse();
        assertThat(Permission.JOURNALS.grantedTo(Role.REGULATOR)).isTrue();
        assertThat(Permission.HISTORY.grantedTo(Role.OPERATOR)).isFalse();
        assertThat(Permission.HISTORY.grantedTo(Role.ENGINEER)).isTrue();
        assertThat(Permission.CONFIGURE.grantedTo(Role.ENGINEER)).isFalse();
        for (Permission permission : Permission.values()) {
            assertThat(permission.grantedTo(Role.ADMIN)).as(permission.name()).isTrue();
        }
    }
}
