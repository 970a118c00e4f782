package io.minewatch.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void checkConfigExplainsAValidFileAndExitsZero() {
        int code = run("check-config", "../config/examples/minewatch.yaml");

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("valid").contains("CM01-CH4-T1")
                .contains("coal_ch4_working_face");
    }

    @Test
    void checkConfigListsEveryProblemWithItsLineAndExitsOne() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                http: { bind: 127.0.0.1, port: 99999 }
                sites:
                  - id: CM01
                    type: coal_mine
                    sensors:
                      - { id: CM01-CH4-T1, kind: methane }
                """);

        int code = run("check-config", file.toString());

        assertThat(code).isEqualTo(1);
        String errors = err.toString(StandardCharsets.UTF_8);
        assertThat(errors).contains("bad.yaml:1").contains("http.port").contains("99999");
        assertThat(errors).contains("bad.yaml:6").contains("kind").contains("methane");
    }

    @Test
    void checkConfigOfAMissingFileExitsOne() {
        assertThat(run("check-config", dir.resolve("absent.yaml").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("absent.yaml");
    }

    @Test
    void runWithoutConfigIsAUsageError() {
        assertThat(run("run")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--config FILE");
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'frobnicate'");
    }

    @Test
    void unknownOptionIsNamed() {
        assertThat(run("run", "--confg", "x.yaml")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--confg");
    }
}
