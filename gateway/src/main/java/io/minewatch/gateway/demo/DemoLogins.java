package io.minewatch.gateway.demo;

import io.minewatch.config.access.Role;
import io.minewatch.config.access.UserConfig;
import io.minewatch.gateway.auth.PasswordHasher;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The demo's users: one per role, named after it, with a password made up at every start and printed once. */
final class DemoLogins {

    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int LENGTH = 12;

    private DemoLogins() {
    }

    /** Login name (the role's word) to password. */
    static Map<String, String> generate(SecureRandom random) {
        Map<String, String> logins = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            StringBuilder password = new StringBuilder();
            for (int i = 0; i < LENGTH; i++) {
                password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            logins.put(role.id(), password.toString());
        }
        return logins;
    }

    static List<UserConfig> users(Map<String, String> logins, SecureRandom random) {
        PasswordHasher hasher = new PasswordHasher(random);
        List<UserConfig> users = new ArrayList<>();
        logins.forEach((name, password) -> users.add(new UserConfig(name, Role.byId(name).orElseThrow(),
                hasher.hash(password.toCharArray()))));
        return users;
    }

    static String describe(Map<String, String> logins) {
        StringBuilder text = new StringBuilder("logins        (made up for this run; users: in a configuration for"
                + " real ones)");
        logins.forEach((name, password) -> text.append("\n                ").append("%-10s".formatted(name))
                .append(" ").append(password));
        return text.toString();
    }
}
