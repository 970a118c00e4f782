package io.minewatch.simulators.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final SimulateCommand command = new SimulateCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Clock.fixed(Instant.parse("2025-11-22T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void printsSitesAGatewayConfigurationAccepts() {
        int code = command.run(new String[] {"--scenario", "scenarios/gas-outburst.yaml", "--print-sites", "yes"});

        assertThat(code).isZero();
        MinewatchConfig config = ConfigLoader.load(out.toString(StandardCharsets.UTF_8), Path.of("sites.yaml"));
        assertThat(config.sites()).hasSize(1);
        assertThat(config.sites().get(0).sensors()).hasSize(5);
    }

    @Test
    void aBadScenarioExitsWithEveryProblem(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), "name: x\nduration: soon\nsites: []\n");

        int code = command.run(new String[] {"--scenario", file.toString()});

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("invalid scenario, 2 problems:")
                .contains(file + ":2: duration: 'soon' (expected: a duration such as 500ms, 20s, 5m, 3h or 2d)")
                .contains(file + ":3: sites: '[]' (expected: at least one site)");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        int code = command.run(new String[] {"--scenario", "scenarios/gas-outburst.yaml", "--turbo", "1"});

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option '--turbo'").contains("usage:");
    }
}
