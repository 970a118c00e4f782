package io.minewatch.gateway.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.minewatch.collectors.Collector;
import io.minewatch.collectors.codec.JsonReadingCodec;
import io.minewatch.collectors.codec.ReadingValidator;
import io.minewatch.collectors.mqtt.MqttCollector;
import io.minewatch.collectors.opcua.OpcUaCollector;
import io.minewatch.collectors.reject.DeadLetterLog;
import io.minewatch.collectors.reject.MeteredRejectSink;
import io.minewatch.collectors.reject.RejectSink;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.MqttCollectorConfig;
import io.minewatch.config.OpcUaCollectorConfig;
import io.minewatch.gateway.alarms.AlarmBoard;
import io.minewatch.gateway.alarms.AlarmJson;
import io.minewatch.gateway.alarms.AlarmListener;
import io.minewatch.gateway.alarms.AlarmLog;
import io.minewatch.gateway.alarms.AlarmStateStore;
import io.minewatch.gateway.alarms.StoredAlarm;
import io.minewatch.gateway.alarms.SystemAlarms;
import io.minewatch.gateway.alarms.MqttAlarmPublisher;
import io.minewatch.gateway.dispatch.ReadingDispatcher;
import io.minewatch.gateway.history.InfluxHistorySource;
import io.minewatch.gateway.history.RollupJob;
import io.minewatch.gateway.live.LiveBoard;
import io.minewatch.gateway.pipeline.LaneInitializer;
import io.minewatch.gateway.pipeline.PipelineMetrics;
import io.minewatch.gateway.pipeline.ReadingPipeline;
import io.minewatch.gateway.registry.SensorRegistry;
import io.minewatch.gateway.rules.AlarmIds;
import io.minewatch.gateway.rules.RestoredAlarms;
import io.minewatch.gateway.rules.RuleEngine;
import io.minewatch.gateway.storage.Backoff;
import io.minewatch.gateway.storage.StorageWriter;
import io.minewatch.gateway.storage.StoreAndForward;
import io.minewatch.gateway.storage.TimeSeriesStore;
import io.minewatch.gateway.web.ApiContext;
import io.minewatch.gateway.web.ApiHandler;
import io.minewatch.gateway.web.HttpServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running gateway, assembled from a configuration: collectors feed the pipeline, the pipeline evaluates and hands
 * readings to storage and alarm events to their outputs, and the HTTP API reads the live state. Started and closed
 * in dependency order; {@link #close()} stops intake first and then flushes.
 */
public final class GatewayService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayService.class);
    private static final Duration STALE_AFTER = Duration.ofSeconds(30);
    /**
     * How long {@link #close()} waits for messages in flight to be stored, and then the storage writer for its queue
     * (twice {@link #WRITER_CLOSE_TIMEOUT} at most): together well within the 15 s a service manager is asked to wait.
     * What is not stored by then stays unacknowledged, and the broker delivers it again to the next start, so a short
     * wait loses nothing; a long one only keeps a gateway whose store is down from stopping.
     */
    private static final Duration DRAIN_ON_CLOSE = Duration.ofSeconds(5);
    private static final Duration WRITER_CLOSE_TIMEOUT = Duration.ofSeconds(3);

    private final MinewatchConfig config;
    private final Clock clock;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ObjectMapper mapper = new ObjectMapper();
    private final ScheduledExecutorService scheduler;
    private final DeadLetterLog deadLetters;
    private final RejectSink rejects;
    private final SensorRegistry registry;
    private final AlarmStateStore alarmState;
    private final SystemAlarms systemAlarms;
    private final TimeSeriesStore store;
    private final RollupJob rollups;
    private final StorageWriter writer;
    private final LiveBoard live = new LiveBoard();
    private final AlarmBoard alarmBoard = new AlarmBoard(1000);
    private final MqttAlarmPublisher alarmPublisher;
    private final ReadingPipeline pipeline;
    private final List<Collector> collectors = new ArrayList<>();
    private final HttpServer http;

    public GatewayService(MinewatchConfig config, Clock clock, List<AlarmListener> extraAlarmListeners)
            throws Exception {
        this.config = config;
        this.clock = clock;
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        this.scheduler = Executors.newScheduledThreadPool(2, daemon("minewatch-scheduler"));
        this.deadLetters = new DeadLetterLog(config.storage().local().deadLetterLog(), scheduler);
        this.rejects = new MeteredRejectSink(metrics, deadLetters);
        this.registry = new SensorRegistry(config);
        // Alarm state first: a gateway that cannot know which alarms were active must not start evaluating.
        this.alarmState = AlarmStateStore.open(config.storage().local().path());
        List<StoredAlarm> restored = alarmState.load();
        alarmBoard.restore(restored);
        RestoredAlarms restoredAlarms = RestoredAlarms.of(restored.stream().map(StoredAlarm::active).toList());
        if (!restored.isEmpty()) {
            LOG.info("{} alarms active before the restart restored", restored.size());
        }
        List<AlarmListener> listeners = new ArrayList<>();
        listeners.add(alarmBoard);
        listeners.add(new AlarmLog());
        Optional<URI> alarmBroker = config.alarms().mqttUrl()
                .or(() -> config.mqttCollectors().stream().findFirst().map(MqttCollectorConfig::url));
        if (alarmBroker.isPresent()) {
            alarmPublisher = new MqttAlarmPublisher(alarmBroker.get(), "minewatch-alarms-" + ProcessHandle.current().pid(),
                    config.alarms().topicPrefix(), new AlarmJson(mapper), metrics, scheduler);
            listeners.add(alarmPublisher);
        } else {
            alarmPublisher = null;
            LOG.warn("No MQTT broker configured for alarm events: they are logged, stored and served over HTTP only");
        }
        this.systemAlarms = new SystemAlarms(clock, event -> {
            if (alarmPublisher != null) {
                alarmPublisher.publishSystem(event);
            }
        });
        this.rollups = config.storage().influxdb()
                .map(influx -> new RollupJob(new InfluxHistorySource(influx, clock).rollups(), clock)).orElse(null);
        this.store = StoreFactory.open(config.storage(), rejects, systemAlarms, metrics, clock, rollups);
        this.writer = new StorageWriter(store, batchSize(), flushInterval(), rejects, metrics, clock, Backoff.DEFAULT,
                WRITER_CLOSE_TIMEOUT);

        listeners.addAll(extraAlarmListeners);

        PipelineMetrics pipelineMetrics = new PipelineMetrics(metrics);
        int maxPayload = config.mqttCollectors().stream().mapToInt(MqttCollectorConfig::maxPayloadBytes).max()
                .orElse(MqttCollectorConfig.DEFAULT_MAX_PAYLOAD_BYTES);
        LaneInitializer lanes = new LaneInitializer(new JsonReadingCodec(maxPayload),
                new ReadingValidator(clock, config.pipeline().maxFutureSkew()), registry,
                () -> new RuleEngine(registry, clock, AlarmIds.timeOrdered(clock), restoredAlarms),
                new ReadingDispatcher(writer::submit, live, listeners, alarmState::apply), rejects, pipelineMetrics);
        this.pipeline = new ReadingPipeline(config.pipeline().eventLoops(), lanes, config.pipeline().maxInFlight(),
                pipelineMetrics, clock);
        for (MqttCollectorConfig mqtt : config.mqttCollectors()) {
            collectors.add(new MqttCollector(mqtt, rejects, metrics, clock, scheduler));
        }
        for (OpcUaCollectorConfig opcua : config.opcuaCollectors()) {
            collectors.add(new OpcUaCollector(opcua, config.sensorsById(), rejects, metrics, clock));
        }
        this.http = new HttpServer(config.http().bind(), config.http().port(), new ApiHandler(new ApiContext(config,
                registry, collectors, store, pipeline, live, alarmBoard, new AlarmJson(mapper), metrics, mapper, clock,
                STALE_AFTER, systemAlarms)));
    }

    private int batchSize() {
        return config.storage().influxdb().map(i -> i.batchSize()).orElse(5000);
    }

    private Duration flushInterval() {
        return config.storage().influxdb().map(i -> i.flushInterval()).orElse(Duration.ofMillis(100));
    }

    public void start() throws Exception {
        if (store instanceof StoreAndForward forwarding) {
            forwarding.start();
        }
        writer.start();
        if (rollups != null) {
            rollups.start(scheduler);
        }
        pipeline.start();
        if (alarmPublisher != null) {
            alarmPublisher.start();
        }
        http.start();
        for (Collector collector : collectors) {
            collector.start(pipeline);
        }
        LOG.info("minewatch started: {} sites, {} registered sensors, store {}, {} collectors",
                config.sites().size(), registry.size(), store.name(), collectors.size());
    }

    public int httpPort() {
        return http.port();
    }

    public LiveBoard live() {
        return live;
    }

    public AlarmBoard alarms() {
        return alarmBoard;
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    public ReadingPipeline pipeline() {
        return pipeline;
    }

    @Override
    public void close() {
        LOG.info("minewatch stopping: intake first, then flushing what is in flight");
        for (Collector collector : collectors) {
            collector.stop();
        }
        pipeline.close(DRAIN_ON_CLOSE);
        writer.close();
        if (rollups != null) {
            rollups.close();
        }
        alarmState.close();
        store.close();
        if (alarmPublisher != null) {
            alarmPublisher.close();
        }
        http.close();
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deadLetters.close();
        LOG.info("minewatch stopped");
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return new io.netty.util.concurrent.DefaultThreadFactory(name, true);
    }
}
