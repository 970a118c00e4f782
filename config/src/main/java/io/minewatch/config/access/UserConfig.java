package io.minewatch.config.access;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One control-room user.
 *
 * @param name         the login name
 * @param role         what the user may do
 * @param passwordHash the password as {@code pbkdf2-sha256:ITERATIONS:SALT:HASH} (salt and hash in standard Base64),
 *                     as {@code ./minewatch hash-password} prints it; never the password itself
 */
public record UserConfig(String name, Role role, String passwordHash) {

    /** The one hash format read: PBKDF2 with HMAC-SHA256, at least 10,000 iterations, salt of at least 8 bytes. */
    public static final Pattern PASSWORD_HASH =
            Pattern.compile("pbkdf2-sha256:([1-9][0-9]{4,8}):([A-Za-z0-9+/]{11,}={0,2}):([A-Za-z0-9+/]{43,}={0,2})");
    public static final String PASSWORD_HASH_EXPECTED = "a hash pbkdf2-sha256:ITERATIONS:SALT:HASH as printed by"
            + " ./minewatch hash-password (never the password itself)";

    public UserConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "passwordHash");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name : '' (expected: a login name)");
        }
        if (!PASSWORD_HASH.matcher(passwordHash).matches()) {
            throw new IllegalArgumentException("password_hash : (hidden) (expected: " + PASSWORD_HASH_EXPECTED + ")");
        }
    }

    @Override
    public String toString() {
        return "UserConfig[name=" + name + ", role=" + role.id() + "]";
    }
}
