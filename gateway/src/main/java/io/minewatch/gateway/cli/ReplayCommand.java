package io.minewatch.gateway.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.collectors.Reading;
import io.minewatch.config.ConfigException;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.ProposedRulesLoader;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.history.HistorySources;
import io.minewatch.gateway.history.SensorResolver;
import io.minewatch.gateway.history.SensorSeries;
import io.minewatch.gateway.registry.SensorRegistry;
import io.minewatch.gateway.replay.ReadingFeed;
import io.minewatch.gateway.replay.ReplayOutput;
import io.minewatch.gateway.replay.ReplayPlayer;
import io.minewatch.gateway.replay.ReplayRequest;
import io.minewatch.gateway.replay.Sleeper;
import io.minewatch.gateway.replay.Speed;
import io.minewatch.gateway.rules.RuleBook;
import io.minewatch.gateway.storage.StoreUnavailableException;
import io.minewatch.gateway.whatif.ProposedRuleBook;
import io.minewatch.gateway.whatif.WhatIf;
import io.minewatch.gateway.whatif.WhatIfReport;
import io.minewatch.gateway.whatif.WhatIfWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code minewatch replay --config FILE --sensor A[,B] --from T --to T [--speed N|max] [--rules FILE]
 * [--compare-rules FILE [--format json|csv]]}: replays stored readings through a rule engine of its own and prints
 * the alarm transitions; with {@code --compare-rules}, a what-if report of the current rules against the file's.
 */
final class ReplayCommand {

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    ReplayCommand(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    int run(String[] args) {
        Options options = new Options(args, Set.of("config", "sensor", "from", "to", "speed", "rules",
                "compare-rules", "format", "kind"));
        if (options.get("sensor") == null) {
            throw new UsageException("--sensor : missing (expected: one sensor id or several, comma-separated)");
        }
        long from = StoreAccess.instant(options, "from");
        long to = StoreAccess.instant(options, "to");
        MinewatchConfig config;
        RuleBook rules;
        RuleBook proposed = null;
        List<SensorSeries> sensors;
        Speed speed;
        try {
            config = StoreAccess.config(options);
            SensorRegistry registry = new SensorRegistry(config);
            rules = options.get("rules") == null ? registry : new ProposedRuleBook(config,
                    ProposedRulesLoader.load(Path.of(options.get("rules")), config.profiles().keySet()));
            if (options.get("compare-rules") != null) {
                proposed = new ProposedRuleBook(config, ProposedRulesLoader.load(Path.of(options.get("compare-rules")),
                        config.profiles().keySet()));
            }
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 1;
        }
        try {
            sensors = new SensorResolver(config).resolve(
                    Arrays.stream(options.get("sensor").split(",")).map(String::trim).toList(), options.get("kind"));
            speed = Speed.parse(options.get("speed"));
            new ReplayRequest(sensors, from, to, speed);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        SensorRegistry registry = new SensorRegistry(config);
        ReadingFeed feed = new ReadingFeed(HistorySources.forConfig(config, null, clock),
                id -> registry.sensor(id) != null);
        try {
            if (proposed != null) {
                WhatIfReport report = new WhatIf(feed).compare(sensors, from, to, rules, proposed);
                WhatIfWriter writer = new WhatIfWriter(new ObjectMapper());
                if ("csv".equals(options.get("format"))) {
                    writer.writeCsv(report, out);
                } else {
                    out.println(new ObjectMapper().writerWithDefaultPrettyPrinter()
                            .writeValueAsString(writer.json(report)));
                }
                out.flush();
                return 0;
            }
            new ReplayPlayer(feed, clock, Sleeper.REAL).play(new ReplayRequest(sensors, from, to, speed), rules,
                    new TextOutput());
            return 0;
        } catch (StoreUnavailableException | IOException e) {
            err.println("minewatch replay: " + e.getMessage());
            return 1;
        }
    }

    /** One line per transition, then a count. */
    private final class TextOutput implements ReplayOutput {

        @Override
        public void start(ReplayRequest request) {
            err.println("replaying " + request.sensors().size() + " sensors from "
                    + Instant.ofEpochMilli(request.fromMillis()) + " to " + Instant.ofEpochMilli(request.toMillis())
                    + " at " + request.speed());
        }

        @Override
        public void reading(Reading reading) {
        }

        @Override
        public void alarm(AlarmEvent e) {
            out.println(Instant.ofEpochMilli(e.readingTimestampMillis()) + "  " + e.sensor() + "  "
                    + e.transition().id() + "  " + e.level().id() + " (" + e.levelName() + ")  rule " + e.ruleId()
                    + "  value " + e.value() + "  threshold " + e.threshold() + "  alarm " + e.alarmId());
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void end(long readings, long alarms) {
            err.println(readings + " readings replayed, " + alarms + " alarm transitions");
        }
    }
}
