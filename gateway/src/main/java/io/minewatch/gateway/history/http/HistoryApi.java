package io.minewatch.gateway.history.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.gateway.alarms.AlarmJson;
import io.minewatch.gateway.history.HistoryService;
import io.minewatch.gateway.history.HistorySource;
import io.minewatch.gateway.history.HistorySources;
import io.minewatch.gateway.history.SensorResolver;
import io.minewatch.gateway.history.StepPolicy;
import io.minewatch.gateway.storage.TimeSeriesStore;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Assembles the engineers' routes (history, export) over the gateway's store. */
public final class HistoryApi {

    /** Streams served at once; more wait in a short queue, beyond which a request is answered 503. */
    static final int WORKERS = 4;
    static final int QUEUED = 16;

    private HistoryApi() {
    }

    public static HistoryRoutes routes(MinewatchConfig config, TimeSeriesStore store, AlarmJson alarmJson,
            ObjectMapper mapper, Clock clock) {
        HistorySource source = HistorySources.forConfig(config, store, clock);
        HistoryService history = new HistoryService(source, new StepPolicy(StepPolicy.DEFAULT_MAX_POINTS));
        SensorResolver sensors = new SensorResolver(config);
        Map<String, Map<HttpMethod, HistoryRoutes.Route>> routes = new HashMap<>();
        routes.put("/api/history", Map.of(HttpMethod.GET, new HistoryEndpoint(history, sensors, clock, false)));
        routes.put("/api/history.csv", Map.of(HttpMethod.GET, new HistoryEndpoint(history, sensors, clock, true)));
        ThreadPoolExecutor workers = new ThreadPoolExecutor(WORKERS, WORKERS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED), new DefaultThreadFactory("minewatch-history", true));
        workers.allowCoreThreadTimeOut(true);
        return new HistoryRoutes(routes, workers, mapper);
    }
}
