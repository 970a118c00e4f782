package io.minewatch.gateway.history.http;

import io.minewatch.config.ConfigException;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.ProposedRules;
import io.minewatch.config.ProposedRulesLoader;
import io.minewatch.gateway.alarms.AlarmJson;
import io.minewatch.gateway.history.SensorResolver;
import io.minewatch.gateway.history.SensorSeries;
import io.minewatch.gateway.replay.NdjsonReplayOutput;
import io.minewatch.gateway.replay.ReplayPlayer;
import io.minewatch.gateway.replay.ReplayRequest;
import io.minewatch.gateway.replay.Speed;
import io.minewatch.gateway.rules.RuleBook;
import io.minewatch.gateway.whatif.ProposedRuleBook;
import io.minewatch.gateway.whatif.WhatIf;
import io.minewatch.gateway.whatif.WhatIfReport;
import io.minewatch.gateway.whatif.WhatIfWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@code GET /api/replay?sensors=&from=&to=&speed=} (NDJSON, see {@link NdjsonReplayOutput}; seek by asking again
 * from another time) and {@code POST /api/whatif?sensors=&from=&to=[&format=csv]} with a rule set (YAML or JSON, see
 * {@link ProposedRulesLoader}) as the body.
 */
final class ReplayEndpoints {

    /** The longest period a what-if or replay covers in one request. */
    static final Duration MAX_PERIOD = Duration.ofDays(366);

    private final MinewatchConfig config;
    private final SensorResolver sensors;
    private final RuleBook rules;
    private final ReplayPlayer player;
    private final WhatIf whatIf;
    private final AlarmJson alarmJson;
    private final Clock clock;

    ReplayEndpoints(MinewatchConfig config, SensorResolver sensors, RuleBook rules, ReplayPlayer player,
            WhatIf whatIf, AlarmJson alarmJson, Clock clock) {
        this.config = config;
        this.sensors = sensors;
        this.rules = rules;
        this.player = player;
        this.whatIf = whatIf;
        this.alarmJson = alarmJson;
        this.clock = clock;
    }

    HistoryRoutes.Route replay() {
        return request -> {
            Params params = request.params();
            List<SensorSeries> series = sensors.resolve(ids(params), params.string("kind"));
            long[] period = period(params);
            ReplayRequest replay = new ReplayRequest(series, period[0], period[1], Speed.parse(params.string("speed")));
            return body("application/x-ndjson", out -> player.play(replay, rules,
                    new NdjsonReplayOutput(out, alarmJson)));
        };
    }

    HistoryRoutes.Route whatIf(boolean csvByDefault) {
        return request -> {
            Params params = request.params();
            List<SensorSeries> series = sensors.resolve(ids(params), params.string("kind"));
            long[] period = period(params);
            ProposedRules proposed;
            try {
                proposed = ProposedRulesLoader.read(request.body(), Path.of("request body"),
                        config.profiles().keySet());
            } catch (ConfigException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
            boolean csv = csvByDefault || "csv".equals(params.string("format"));
            WhatIfReport report = whatIf.compare(series, period[0], period[1], rules,
                    new ProposedRuleBook(config, proposed));
            WhatIfWriter writer = new WhatIfWriter(alarmJson.mapper());
            return body(csv ? "text/csv; charset=utf-8" : "application/json",
                    out -> {
                        if (csv) {
                            writer.writeCsv(report, out);
                        } else {
                            writer.writeJson(report, out);
                        }
                    });
        };
    }

    private static List<String> ids(Params params) {
        List<String> ids = params.list("sensors");
        return ids.isEmpty() ? params.list("sensor") : ids;
    }

    private long[] period(Params params) {
        Long from = params.instant("from");
        Long to = params.instant("to");
        if (from == null) {
            throw new IllegalArgumentException("from : missing (expected: ISO-8601 like 2025-11-22T10:00:00Z)");
        }
        long toMillis = to == null ? clock.millis() : to;
        if (toMillis - from > MAX_PERIOD.toMillis()) {
            throw new IllegalArgumentException("to : " + toMillis + " (expected: at most " + MAX_PERIOD.toDays()
                    + " days after from)");
        }
        return new long[] {from, toMillis};
    }

    interface Writing {
        void write(java.io.OutputStream out) throws java.io.IOException,
                io.minewatch.gateway.storage.StoreUnavailableException;
    }

    static HistoryRoutes.Body body(String contentType, Writing writing) {
        return new HistoryRoutes.Body() {
            @Override
            public String contentType() {
                return contentType;
            }

            @Override
            public void write(java.io.OutputStream out) throws java.io.IOException,
                    io.minewatch.gateway.storage.StoreUnavailableException {
                writing.write(out);
            }
        };
    }
}
