package io.minewatch.gateway.cli;

import io.minewatch.config.ConfigException;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.gateway.history.CsvHistoryOutput;
import io.minewatch.gateway.history.HistoryOutput;
import io.minewatch.gateway.history.HistoryQuery;
import io.minewatch.gateway.history.HistoryService;
import io.minewatch.gateway.history.HistorySources;
import io.minewatch.gateway.history.JsonHistoryOutput;
import io.minewatch.gateway.history.SensorResolver;
import io.minewatch.gateway.history.StepPolicy;
import io.minewatch.gateway.history.http.Params;
import io.minewatch.gateway.storage.StoreUnavailableException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code minewatch export --config FILE --sensor A[,B] --from T --to T [--step D|raw] [--format csv|json]
 * [--out FILE] [--kind K]}: a history straight out of the configured store, streamed to a file or stdout, with a
 * progress bar on stderr.
 */
final class ExportCommand {

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    ExportCommand(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    int run(String[] args) {
        Options options = new Options(args, Set.of("config", "sensor", "from", "to", "step", "format", "out", "kind"));
        if (options.get("sensor") == null) {
            throw new UsageException("--sensor : missing (expected: one sensor id or several, comma-separated)");
        }
        String format = options.get("format") == null ? "csv" : options.get("format");
        if (!format.equals("csv") && !format.equals("json")) {
            throw new UsageException("--format : " + format + " (expected: csv or json)");
        }
        long from = StoreAccess.instant(options, "from");
        long to = StoreAccess.instant(options, "to");
        MinewatchConfig config;
        try {
            config = StoreAccess.config(options);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 1;
        }
        String stepText = options.get("step");
        HistoryService history = new HistoryService(HistorySources.forConfig(config, null, clock),
                new StepPolicy(StepPolicy.DEFAULT_MAX_POINTS));
        HistoryQuery query;
        try {
            boolean raw = stepText == null || "raw".equals(stepText);
            Duration step = raw ? null : Params.parseDuration("--step", stepText);
            List<String> sensors = Arrays.stream(options.get("sensor").split(",")).map(String::trim).toList();
            query = history.plan(new SensorResolver(config).resolve(sensors, options.get("kind")), from, to, step,
                    raw);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        ProgressBar bar = new ProgressBar(err, clock, "export");
        double span = query.toMillis() - query.fromMillis();
        int seriesCount = query.series().size();
        try (OutputStream target = options.get("out") == null ? nonClosing(out)
                : new BufferedOutputStream(Files.newOutputStream(Path.of(options.get("out"))), 64 * 1024)) {
            HistoryOutput output = format.equals("csv") ? new CsvHistoryOutput(target)
                    : new JsonHistoryOutput(target, false);
            history.run(query, output, (index, time) ->
                    bar.step((index + (time - query.fromMillis()) / span) / seriesCount));
            bar.done();
            return 0;
        } catch (StoreUnavailableException | IOException e) {
            err.println();
            err.println("minewatch export: " + e.getMessage());
            return 1;
        }
    }

    private static OutputStream nonClosing(PrintStream stream) {
        return new java.io.FilterOutputStream(stream) {
            @Override
            public void write(byte[] b, int off, int len) {
                stream.write(b, off, len);
            }

            @Override
            public void close() {
                stream.flush();
            }
        };
    }
}
