package io.minewatch.gateway.web;

import io.minewatch.gateway.auth.Session;
import io.minewatch.gateway.auth.SessionStore;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.util.Optional;

/** Finds a request's session: {@code Authorization: Bearer TOKEN} first, else the {@code minewatch_session} cookie. */
public final class SessionTokens {

    public static final String COOKIE = "minewatch_session";
    private static final String BEARER = "Bearer ";

    private final SessionStore sessions;

    public SessionTokens(SessionStore sessions) {
        this.sessions = sessions;
    }

    public Optional<Session> find(HttpHeaders headers) {
        String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return sessions.find(authorization.substring(BEARER.length()).trim());
        }
        String cookies = headers.get(HttpHeaderNames.COOKIE);
        if (cookies != null) {
            for (Cookie cookie : ServerCookieDecoder.LAX.decode(cookies)) {
                if (COOKIE.equals(cookie.name())) {
                    return sessions.find(cookie.value());
                }
            }
        }
        return Optional.empty();
    }

    /** Whether {@code session} still holds (not expired, not logged out). */
    public boolean stillValid(Session session) {
        return sessions.find(session.token()).isPresent();
    }
}
