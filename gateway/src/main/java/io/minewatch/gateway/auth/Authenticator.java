package io.minewatch.gateway.auth;

import io.minewatch.config.access.UserConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks a name and password against the configured users and opens a session for a match. */
public final class Authenticator {

    private final Map<String, UserConfig> users = new LinkedHashMap<>();
    private final PasswordHasher hasher;
    private final SessionStore sessions;
    /** Verified for unknown names so that a wrong name takes as long as a wrong password. */
    private final String decoyHash;

    public Authenticator(List<UserConfig> users, PasswordHasher hasher, SessionStore sessions) {
        users.forEach(u -> this.users.put(u.name(), u));
        this.hasher = hasher;
        this.sessions = sessions;
        this.decoyHash = users.isEmpty() ? hasher.hash("decoy".toCharArray()) : users.get(0).passwordHash();
    }

    public Optional<Session> login(String name, char[] password) {
        UserConfig user = users.get(name);
        boolean matches = hasher.verify(password, user == null ? decoyHash : user.passwordHash());
        if (user == null || !matches) {
            return Optional.empty();
        }
        return Optional.of(sessions.open(user.name(), user.role()));
    }

    public boolean hasUsers() {
        return !users.isEmpty();
    }

    public SessionStore sessions() {
        return sessions;
    }
}
