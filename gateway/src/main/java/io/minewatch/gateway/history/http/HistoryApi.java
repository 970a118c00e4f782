package io.minewatch.gateway.history.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.gateway.alarms.AlarmJson;
import io.minewatch.gateway.history.HistoryService;
import io.minewatch.gateway.history.HistorySource;
import io.minewatch.gateway.history.HistorySources;
import io.minewatch.gateway.history.SensorResolver;
import io.minewatch.gateway.history.StepPolicy;
import io.minewatch.gateway.registry.SensorRegistry;
import io.minewatch.gateway.replay.ReadingFeed;
import io.minewatch.gateway.replay.ReplayPlayer;
import io.minewatch.gateway.replay.Sleeper;
import io.minewatch.gateway.whatif.WhatIf;
import io.minewatch.gateway.storage.TimeSeriesStore;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Assembles the engineers' routes (history, export, replay, what-if, alarm history) over the gateway's store. */
public final class HistoryApi {

    /** Streams served at once; more wait in a short queue, beyond which a request is answered 503. */
    static final int WORKERS = 8;
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
        SensorRegistry registry = new SensorRegistry(config);
        ReadingFeed feed = new ReadingFeed(source, id -> registry.sensor(id) != null);
        ReplayEndpoints replay = new ReplayEndpoints(config, sensors, registry,
                new ReplayPlayer(feed, clock, Sleeper.REAL), new WhatIf(feed), alarmJson, clock);
        routes.put("/api/replay", Map.of(HttpMethod.GET, replay.replay()));
        routes.put("/api/whatif", Map.of(HttpMethod.POST, replay.whatIf(false)));
        routes.put("/api/whatif.csv", Map.of(HttpMethod.POST, replay.whatIf(true)));
        routes.put("/api/alarms/history", Map.of(HttpMethod.GET, new AlarmHistoryEndpoint(store, alarmJson, clock)));
        ThreadPoolExecutor workers = new ThreadPoolExecutor(WORKERS, WORKERS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED), new DefaultThreadFactory("minewatch-history", true));
        workers.allowCoreThreadTimeOut(true);
        return new HistoryRoutes(routes, workers, mapper);
    }
}
