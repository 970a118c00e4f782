package io.minewatch.gateway.history.http;

import io.minewatch.gateway.history.CsvHistoryOutput;
import io.minewatch.gateway.history.HistoryOutput;
import io.minewatch.gateway.history.HistoryQuery;
import io.minewatch.gateway.history.HistoryService;
import io.minewatch.gateway.history.JsonHistoryOutput;
import io.minewatch.gateway.history.SensorResolver;
import io.minewatch.gateway.history.SensorSeries;
import io.minewatch.gateway.history.StepPolicy;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@code GET /api/history} and {@code /api/history.csv}: {@code sensor=ID} (one, in the first JSON shape) or
 * {@code sensors=A,B}; {@code from}, {@code to} (ISO-8601 or epoch ms; default the last hour); {@code step} (a
 * duration, {@code raw}, or absent for automatic); {@code points} (the most points per sensor an automatic step may
 * give, default 2000); {@code kind} for unregistered sensors.
 */
final class HistoryEndpoint implements HistoryRoutes.Route {

    private final HistoryService history;
    private final SensorResolver sensors;
    private final Clock clock;
    private final boolean csv;

    HistoryEndpoint(HistoryService history, SensorResolver sensors, Clock clock, boolean csv) {
        this.history = history;
        this.sensors = sensors;
        this.clock = clock;
        this.csv = csv;
    }

    @Override
    public HistoryRoutes.Body prepare(HistoryRoutes.Request request) {
        Params params = request.params();
        String single = params.string("sensor");
        List<String> ids = single != null ? List.of(single) : params.list("sensors");
        List<SensorSeries> series = sensors.resolve(ids, params.string("kind"));
        Long to = params.instant("to");
        Long from = params.instant("from");
        long toMillis = to == null ? clock.millis() : to;
        long fromMillis = from == null ? toMillis - Duration.ofHours(1).toMillis() : from;
        String stepText = params.string("step");
        boolean raw = "raw".equals(stepText);
        Duration step = raw || stepText == null || "auto".equals(stepText) ? null
                : Params.parseDuration("step", stepText);
        String points = params.string("points");
        StepPolicy policy = new StepPolicy(points == null ? StepPolicy.DEFAULT_MAX_POINTS : parsePoints(points));
        HistoryQuery query = new HistoryService(history.source(), policy).plan(series, fromMillis, toMillis, step, raw);
        return new HistoryRoutes.Body() {
            @Override
            public String contentType() {
                return csv ? "text/csv; charset=utf-8" : "application/json";
            }

            @Override
            public void write(OutputStream out) throws java.io.IOException,
                    io.minewatch.gateway.storage.StoreUnavailableException {
                HistoryOutput output = csv ? new CsvHistoryOutput(out) : new JsonHistoryOutput(out, single != null);
                history.run(query, output, HistoryService.Progress.NONE);
            }
        };
    }

    private static int parsePoints(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("points : " + text + " (expected: a whole number 10..100000)");
        }
    }
}
