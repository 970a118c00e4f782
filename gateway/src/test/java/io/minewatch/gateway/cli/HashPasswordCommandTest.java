package io.minewatch.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.config.access.UserConfig;
import io.minewatch.gateway.auth.PasswordHasher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class HashPasswordCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) throws Exception {
        return new HashPasswordCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), null,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))).run(args);
    }

    @Test
    void printsAHashTheConfigurationAcceptsAndThatVerifiesThePassword() throws Exception {
        assertThat(run("correct horse battery\n")).isZero();

        String hash = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(hash).matches(UserConfig.PASSWORD_HASH).startsWith("pbkdf2-sha256:210000:");
        PasswordHasher hasher = new PasswordHasher(new SecureRandom());
        assertThat(hasher.verify("correct horse battery".toCharArray(), hash)).isTrue();
        assertThat(hasher.verify("correct horse batterY".toCharArray(), hash)).isFalse();
    }

    @Test
    void refusesAShortPasswordAndNeverTakesOneAsArgument() throws Exception {
        assertThat(run("short\n")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("password : 5 characters (expected: at least 8)");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run("", "secret-password"))
                .isInstanceOf(UsageException.class).hasMessageContaining("shell history");
    }

    @Test
    void twoHashesOfOnePasswordDifferByTheirSalt() {
        PasswordHasher hasher = new PasswordHasher(new SecureRandom(), 10_000);

        assertThat(hasher.hash("same-password".toCharArray())).isNotEqualTo(hasher.hash("same-password".toCharArray()));
    }
}
