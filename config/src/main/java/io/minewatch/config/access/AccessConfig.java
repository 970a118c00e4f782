package io.minewatch.config.access;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may use the control room and API, and how it is served: the users of {@code users:}, HTTPS from
 * {@code http.tls}, and how long a login lasts ({@code http.session_ttl}).
 *
 * @param users      every user, names unique; empty: nobody can log in and every API call is refused
 * @param tls        the certificate to serve HTTPS with; empty: plain HTTP
 * @param sessionTtl how long a session token stays valid after login (default 12 hours, one shift)
 */
public record AccessConfig(List<UserConfig> users, Optional<TlsConfig> tls, Duration sessionTtl) {

    public static final Duration DEFAULT_SESSION_TTL = Duration.ofHours(12);
    public static final AccessConfig NONE = new AccessConfig(List.of(), Optional.empty(), null);

    public AccessConfig {
        users = List.copyOf(users == null ? List.of() : users);
        tls = tls == null ? Optional.empty() : tls;
        sessionTtl = sessionTtl == null ? DEFAULT_SESSION_TTL : sessionTtl;
        if (sessionTtl.isZero() || sessionTtl.isNegative()) {
            throw new IllegalArgumentException("session_ttl : " + sessionTtl + " (expected: > 0)");
        }
        Set<String> names = new HashSet<>();
        for (UserConfig user : users) {
            if (!names.add(user.name())) {
                throw new IllegalArgumentException("users[].name : " + user.name() + " (expected: unique names)");
            }
        }
    }

    /** This configuration with {@code users} instead (the demo's generated ones). */
    public AccessConfig withUsers(List<UserConfig> users) {
        return new AccessConfig(users, tls, sessionTtl);
    }
}
