package io.minewatch.config;

import io.minewatch.config.access.AccessConfig;
import io.minewatch.config.access.Role;
import io.minewatch.config.access.TlsConfig;
import io.minewatch.config.access.UserConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@code users:} and the access keys of {@code http:} ({@code tls}, {@code session_ttl}). */
final class AccessReader {

    private static final String FILE_EXPECTED = "a readable PEM file (relative paths start at the configuration"
            + " file's directory)";

    private AccessReader() {
    }

    static AccessConfig read(MappingReader root, Optional<MappingReader> http) {
        List<UserConfig> users = users(root);
        Optional<TlsConfig> tls = http.flatMap(h -> h.mapping("tls", "certificate", "private_key"))
                .flatMap(AccessReader::tls);
        Duration ttl = http.flatMap(h -> h.duration("session_ttl", true)).orElse(null);
        return new AccessConfig(users, tls, ttl);
    }

    private static List<UserConfig> users(MappingReader root) {
        List<UserConfig> users = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (MappingReader.Item item : root.mappings("users", "name", "role", "password_hash")) {
            MappingReader user = item.reader();
            Optional<String> name = user.requiredString("name", "a login name");
            name.filter(String::isBlank).ifPresent(n -> user.reject("name", "a login name"));
            Optional<Role> role = user.choice("role", Role::byId, "one of " + Role.ids(), true);
            Optional<String> hash = user.requiredString("password_hash", UserConfig.PASSWORD_HASH_EXPECTED)
                    .filter(h -> {
                        boolean ok = UserConfig.PASSWORD_HASH.matcher(h).matches();
                        if (!ok) {
                            // The value is never echoed: a password pasted here by mistake must not reach a log.
                            user.context().problem(user.node("password_hash").orElseThrow(),
                                    user.path("password_hash"), "(hidden)", UserConfig.PASSWORD_HASH_EXPECTED);
                        }
                        return ok;
                    });
            if (name.isPresent() && !name.get().isBlank()) {
                Integer first = seen.putIfAbsent(name.get(), item.index());
                if (first != null) {
                    user.reject("name", "a name not already used by users[" + first + "]");
                    continue;
                }
            }
            if (name.isPresent() && !name.get().isBlank() && role.isPresent() && hash.isPresent()) {
                users.add(new UserConfig(name.get().trim(), role.get(), hash.get()));
            }
        }
        return users;
    }

    private static Optional<TlsConfig> tls(MappingReader tls) {
        Optional<Path> certificate = pemFile(tls, "certificate");
        Optional<Path> key = pemFile(tls, "private_key");
        return certificate.isPresent() && key.isPresent()
                ? Optional.of(new TlsConfig(certificate.get(), key.get())) : Optional.empty();
    }

    private static Optional<Path> pemFile(MappingReader tls, String key) {
        if (!tls.has(key)) {
            tls.missing(key, FILE_EXPECTED + " (required)");
            return Optional.empty();
        }
        Optional<Path> path = tls.path(key, FILE_EXPECTED);
        if (path.isPresent() && !Files.isReadable(path.get())) {
            tls.reject(key, FILE_EXPECTED + "; " + path.get() + " cannot be read");
            return Optional.empty();
        }
        return path;
    }
}
