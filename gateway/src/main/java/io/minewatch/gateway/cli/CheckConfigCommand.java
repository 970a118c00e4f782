package io.minewatch.gateway.cli;

import io.minewatch.config.ConfigException;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.ConfigSummary;
import io.minewatch.config.MinewatchConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** {@code minewatch check-config FILE}: exit 0 and a summary when valid, exit 1 and every problem when not. */
final class CheckConfigCommand {

    private final PrintStream out;
    private final PrintStream err;

    CheckConfigCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        Options options = new Options(args, Set.of());
        if (options.positional().size() != 1) {
            throw new UsageException("expected exactly one configuration file");
        }
        Path file = Path.of(options.positional().get(0));
        if (!Files.isReadable(file)) {
            err.println(file + ": cannot read the file (expected: a readable YAML configuration)");
            return 1;
        }
        try {
            MinewatchConfig config = ConfigLoader.load(file);
            out.println(file + ": valid");
            out.print(ConfigSummary.explain(config));
            return 0;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 1;
        }
    }
}
