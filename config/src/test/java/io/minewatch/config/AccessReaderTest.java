package io.minewatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.minewatch.config.access.AccessConfig;
import io.minewatch.config.access.Role;
import io.minewatch.config.access.UserConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessReaderTest {

    static final String HASH = "pbkdf2-sha256:210000:AAECAwQFBgcICQoLDA0ODw==:09f70zGWZ+yYH2ldZVf7vdYIehgv6nwLF+YFVFG6DRM=";
    private static final String SITES = """
            sites:
              - { id: CM01, type: coal_mine, sensors: [ { id: S1, kind: ch4 } ] }
            """;

    @TempDir
    Path dir;

    private MinewatchConfig load(String yaml) {
        return new ConfigLoader(Map.of("HASH", HASH)::get).read(yaml + SITES, dir.resolve("minewatch.yaml"));
    }

    private List<ConfigProblem> problems(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> load(yaml)).problems();
    }

    @Test
    void noUsersSectionMeansNobodyAndPlainHttp() {
        AccessConfig access = load("").access();

        assertThat(access.users()).isEmpty();
        assertThat(access.tls()).isEmpty();
        assertThat(access.sessionTtl()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void readsUsersWithRolesAndHashesAndTheSessionLifetime() {
        AccessConfig access = load("""
                http: { port: 8080, session_ttl: 8h }
                users:
                  - { name: wang.li, role: operator, password_hash: "%s" }
                  - { name: zhao.min, role: regulator, password_hash: "${HASH}" }
                """.formatted(HASH)).access();

        assertThat(access.users()).containsExactly(new UserConfig("wang.li", Role.OPERATOR, HASH),
                new UserConfig("zhao.min", Role.REGULATOR, HASH));
        assertThat(access.sessionTtl()).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void readsTheCertificateAndKeyRelativeToTheFile() throws Exception {
        Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----");
        Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----");

        AccessConfig access = load("http: { tls: { certificate: cert.pem, private_key: key.pem } }\n").access();

        assertThat(access.tls()).hasValueSatisfying(tls -> {
            assertThat(tls.certificate()).isEqualTo(dir.resolve("cert.pem"));
            assertThat(tls.privateKey()).isEqualTo(dir.resolve("key.pem"));
        });
    }

    @Test
    void reportsEveryBadUserAtOnceWithoutEchoingAPasswordPastedAsHash() {
        List<ConfigProblem> problems = problems("""
                users:
                  - { name: a, role: chief, password_hash: "%s" }
                  - { name: b, role: operator, password_hash: hunter2 }
                  - { name: a, role: admin, password_hash: "%s" }
                  - { role: admin }
                """.formatted(HASH, HASH));

        assertThat(problems).extracting(ConfigProblem::key).containsExactlyInAnyOrder("users[0].role",
                "users[1].password_hash", "users[2].name", "users[3].name", "users[3].password_hash");
        assertThat(problems.toString()).doesNotContain("hunter2").contains("one of operator|engineer|regulator|admin");
    }

    @Test
    void reportsAMissingOrUnreadableCertificate() {
        List<ConfigProblem> problems = problems("http: { tls: { certificate: nowhere.pem } }\n");

        assertThat(problems).extracting(ConfigProblem::key)
                .containsExactlyInAnyOrder("http.tls.certificate", "http.tls.private_key");
    }
}
