package io.minewatch.gateway.auth;

import io.minewatch.config.access.Role;
import java.util.Objects;

/**
 * A logged-in user.
 *
 * @param token           the random bearer token (cookie {@code minewatch_session})
 * @param user            the login name: the acknowledging user of every acknowledgement made in this session
 * @param role            what the user may do
 * @param expiresAtMillis when the token stops working, epoch milliseconds
 */
public record Session(String token, String user, Role role, long expiresAtMillis) {

    public Session {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
    }

    public boolean allows(Permission permission) {
        return permission.grantedTo(role);
    }

    @Override
    public String toString() {
        return "Session[user=" + user + ", role=" + role.id() + "]";
    }
}
