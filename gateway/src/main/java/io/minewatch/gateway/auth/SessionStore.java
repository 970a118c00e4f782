package io.minewatch.gateway.auth;

import io.minewatch.config.access.Role;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions in force, in memory: a restart logs everyone out. Tokens are 32 random bytes (URL-safe Base64) and
 * expire {@code ttl} after login; expired ones are forgotten when next looked up or at the next login.
 */
public final class SessionStore {

    private static final int TOKEN_BYTES = 32;

    private final Clock clock;
    private final SecureRandom random;
    private final Duration ttl;
    private final Map<String, Session> byToken = new ConcurrentHashMap<>();

    public SessionStore(Clock clock, SecureRandom random, Duration ttl) {
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl : " + ttl + " (expected: > 0)");
        }
        this.clock = clock;
        this.random = random;
        this.ttl = ttl;
    }

    public Session open(String user, Role role) {
        long now = clock.millis();
        byToken.values().removeIf(s -> s.expiresAtMillis() <= now);
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        Session session = new Session(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), user, role,
                now + ttl.toMillis());
        byToken.put(session.token(), session);
        return session;
    }

    /** The session of {@code token} while it is valid. */
    public Optional<Session> find(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Session session = byToken.get(token);
        if (session == null) {
            return Optional.empty();
        }
        if (session.expiresAtMillis() <= clock.millis()) {
            byToken.remove(token, session);
            return Optional.empty();
        }
        return Optional.of(session);
    }

    public void close(String token) {
        byToken.remove(token);
    }

    public Duration ttl() {
        return ttl;
    }
}
