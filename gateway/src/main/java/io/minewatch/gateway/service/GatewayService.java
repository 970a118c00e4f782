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
import io.minewatch.gateway.alarms.AlarmAcknowledger;
import io.minewatch.gateway.alarms.AlarmBoard;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmJson;
import io.minewatch.gateway.alarms.AlarmListener;
import io.minewatch.gateway.alarms.AlarmLog;
import io.minewatch.gateway.alarms.AlarmStateStore;
import io.minewatch.gateway.alarms.StoredAlarm;
import io.minewatch.gateway.alarms.SystemAlarms;
import io.minewatch.gateway.alarms.MqttAlarmPublisher;
import io.minewatch.gateway.alarms.StandingAlarm;
import io.minewatch.gateway.alarms.lifecycle.DeferredListeners;
import io.minewatch.gateway.alarms.lifecycle.Escalations;
import io.minewatch.gateway.alarms.lifecycle.FloodControl;
import io.minewatch.gateway.alarms.lifecycle.LaneAcknowledger;
import io.minewatch.gateway.alarms.lifecycle.LaneEmitter;
import io.minewatch.gateway.alarms.lifecycle.NotificationOutputs;
import io.minewatch.gateway.alarms.lifecycle.Notifier;
import io.minewatch.gateway.conditions.ConditionRules;
import io.minewatch.gateway.conditions.DispatchingEventSink;
import io.minewatch.gateway.conditions.LaneConditions;
import io.minewatch.gateway.conditions.OfflineMonitor;
import io.minewatch.gateway.dispatch.ReadingDispatcher;
import io.minewatch.gateway.history.InfluxHistorySource;
import io.minewatch.gateway.history.http.HistoryApi;
import io.minewatch.gateway.history.RollupJob;
import io.minewatch.gateway.journal.AlarmJournal;
import io.minewatch.gateway.journal.AlarmStateRepair;
import io.minewatch.gateway.journal.JournaledAlarmState;
import io.minewatch.gateway.maintenance.MaintenanceBoard;
import io.minewatch.gateway.maintenance.MaintenanceRoutes;
import io.minewatch.gateway.maintenance.MaintenanceStore;
import io.minewatch.gateway.pond.PondAggregator;
import io.minewatch.gateway.pond.PondLevels;
import io.minewatch.gateway.live.LiveBoard;
import io.minewatch.gateway.pipeline.Dispatcher;
import io.minewatch.gateway.pipeline.LaneInitializer;
import io.minewatch.gateway.pipeline.PipelineMetrics;
import io.minewatch.gateway.pipeline.ReadingPipeline;
import io.minewatch.gateway.registry.SensorRegistry;
import io.minewatch.gateway.rules.AlarmIds;
import io.minewatch.gateway.rules.RestoredAlarms;
import io.minewatch.gateway.rules.RuleEngine;
import io.minewatch.gateway.rules.SensorFaultPolicy;
import io.minewatch.gateway.storage.Backoff;
import io.minewatch.gateway.storage.StorageWriter;
import io.minewatch.gateway.storage.StoreAndForward;
import io.minewatch.gateway.storage.TimeSeriesStore;
import io.minewatch.gateway.uplink.RegulatorUplink;
import io.minewatch.gateway.web.ApiContext;
import io.minewatch.gateway.web.ControlRoom;
import io.minewatch.gateway.web.ws.LiveLimits;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
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
    /** How long an acknowledgement waits to be on disk before its caller is told it failed. */
    private static final Duration ALARM_RECORD_TIMEOUT = Duration.ofSeconds(10);

    private final MinewatchConfig config;
    private final Clock clock;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ObjectMapper mapper = new ObjectMapper();
    private final ScheduledExecutorService scheduler;
    private final DeadLetterLog deadLetters;
    private final RejectSink rejects;
    private final SensorRegistry registry;
    private final AlarmStateStore alarmState;
    private final AlarmJournal journal;
    private final RegulatorUplink uplink;
    /** Transitions journalled but not stored before a crash; stored again at start (a point overwrites itself). */
    private final List<AlarmEvent> repaired;
    private final SystemAlarms systemAlarms;
    private final TimeSeriesStore store;
    private final RollupJob rollups;
    private final StorageWriter writer;
    private final LiveBoard live = new LiveBoard();
    private final AlarmBoard alarmBoard = new AlarmBoard(1000);
    private final MqttAlarmPublisher alarmPublisher;
    private final ReadingPipeline pipeline;
    private final List<Collector> collectors = new ArrayList<>();
    private final ControlRoom controlRoom;
    private final AlarmAcknowledger acknowledger;
    private final Escalations escalations;
    private final List<StandingAlarm> standingAtStart;
    // Sensor conditions (issue 4 §2-§4): decided off the lanes, their events go through the same dispatch.
    private final MaintenanceStore.State savedMaintenance;
    private final List<io.minewatch.gateway.rules.ActiveAlarm> restoredActive;
    private final MaintenanceBoard maintenance;
    private final OfflineMonitor offline;
    private final PondAggregator pond;
    private DispatchingEventSink conditionEvents;
    private java.util.concurrent.ScheduledFuture<?> conditionChecks;

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
        // The journal holds every transition the state holds, and after a crash between their syncs a few more.
        this.journal = AlarmJournal.open(config.uplink().journal().directory(config.storage().local().path()),
                config.uplink().journal().segmentBytes(), new AlarmJson(mapper), metrics);
        this.repaired = AlarmStateRepair.repair(journal, alarmState, mapper, AlarmStateRepair.DEFAULT_WINDOW);
        this.uplink = RegulatorUplink.of(config.uplink().regulators(), journal, mapper, metrics, clock);
        List<StoredAlarm> restored = alarmState.load();
        this.standingAtStart = alarmState.loadStanding();
        alarmBoard.restoreStanding(standingAtStart);
        this.restoredActive = restored.stream().map(StoredAlarm::active).toList();
        // Condition alarms are continued by their own components, never by the threshold rules.
        // With each sensor's reading time, so that readings the broker delivers again are not evaluated twice.
        RestoredAlarms restoredAlarms = RestoredAlarms.of(restoredActive.stream()
                .filter(a -> !ConditionRules.isCondition(a.ruleId())).toList(), alarmState.loadEvaluatedUpTo());
        RestoredAlarms restoredConditions = RestoredAlarms.of(restoredActive);
        AlarmIds conditionIds = AlarmIds.timeOrdered(clock);
        MaintenanceStore maintenanceStore = new MaintenanceStore(config.storage().local().path());
        this.savedMaintenance = maintenanceStore.load();
        this.maintenance = new MaintenanceBoard(maintenanceStore, config.conditions().maintenance(), registry::sensor,
                clock, conditionIds, events -> conditionEvents.emit(events), metrics);
        this.offline = new OfflineMonitor(config.conditions(), config.sensorsById().values(), maintenance, clock,
                conditionIds, events -> conditionEvents.emit(events));
        restoredActive.forEach(offline::restore);
        this.pond = new PondAggregator(new PondLevels(config.sites().stream()
                .filter(site -> site.type() == io.minewatch.config.sites.SiteType.TAILINGS_POND)
                .map(io.minewatch.config.sites.SiteConfig::id).collect(java.util.stream.Collectors.toSet()), clock,
                conditionIds), events -> conditionEvents.emit(events));
        pond.restore(restoredActive);
        if (!restored.isEmpty()) {
            LOG.info("{} alarms active before the restart restored", restored.size());
        }
        List<AlarmListener> listeners = new ArrayList<>();
        listeners.add(journal);
        listeners.add(alarmBoard);
        this.controlRoom = new ControlRoom(config, live, alarmBoard, mapper, clock, metrics, STALE_AFTER,
                LiveLimits.DEFAULT);
        listeners.add(controlRoom.liveAlarms());
        // Escalation and flood control read the board and emit through the dispatcher: added once it exists.
        DeferredListeners lifecycle = new DeferredListeners();
        listeners.add(lifecycle);
        listeners.add(new AlarmLog());
        listeners.add(pond);
        Optional<URI> alarmBroker = config.alarms()
                .broker(config.mqttCollectors().stream().findFirst().map(MqttCollectorConfig::url));
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
        journal.reportTo(systemAlarms);
        uplink.reportTo(systemAlarms);
        this.rollups = config.storage().influxdb()
                .map(influx -> new RollupJob(new InfluxHistorySource(influx, clock).rollups(), clock)).orElse(null);
        this.store = StoreFactory.open(config.storage(), rejects, systemAlarms, metrics, clock, rollups);
        this.writer = new StorageWriter(store, batchSize(), flushInterval(), rejects, metrics, clock, Backoff.DEFAULT,
                WRITER_CLOSE_TIMEOUT);

        listeners.addAll(extraAlarmListeners);

        PipelineMetrics pipelineMetrics = new PipelineMetrics(metrics);
        int maxPayload = config.mqttCollectors().stream().mapToInt(MqttCollectorConfig::maxPayloadBytes).max()
                .orElse(MqttCollectorConfig.DEFAULT_MAX_PAYLOAD_BYTES);
        // Flood control stands in front of the dispatcher: it marks a shelved rule's events, never drops one.
        Dispatcher dispatcher = new FloodControl(new ReadingDispatcher(writer::submit, live, listeners,
                new JournaledAlarmState(journal, alarmState::apply, config.uplink().journal().syncTimeout())),
                config.alarmHandling().shelving(), this::laneOf, AlarmIds.timeOrdered(clock),
                scheduler, clock);
        this.conditionEvents = new DispatchingEventSink(dispatcher);
        LaneInitializer lanes = new LaneInitializer(new JsonReadingCodec(maxPayload),
                new ReadingValidator(clock, config.pipeline().maxFutureSkew()), registry,
                () -> new RuleEngine(registry, clock, AlarmIds.fromCauses(clock), restoredAlarms,
                        SensorFaultPolicy.DEFAULT, new LaneConditions(config.conditions(), registry, maintenance,
                                offline, restoredConditions, clock, conditionIds)),
                dispatcher, rejects, pipelineMetrics);
        this.pipeline = new ReadingPipeline(config.pipeline().eventLoops(), lanes, config.pipeline().maxInFlight(),
                pipelineMetrics, clock);
        // Acknowledgements (and escalation, shelving) are emitted on the alarm's sensor's lane, through the same
        // dispatcher as the rule engine's events, so every listener sees an alarm's events in order.
        LaneEmitter alarmEmitter = new LaneEmitter(this::laneOf, dispatcher, scheduler, ALARM_RECORD_TIMEOUT, clock);
        this.acknowledger = new LaneAcknowledger(alarmBoard, alarmEmitter, AlarmIds.timeOrdered(clock), clock);
        this.escalations = new Escalations(config.alarmHandling(), alarmBoard, alarmEmitter,
                AlarmIds.timeOrdered(clock), scheduler, clock);
        lifecycle.add(escalations);
        NotificationOutputs notifications = new NotificationOutputs(new AlarmJson(mapper),
                config.alarms().topicPrefix(), alarmPublisher == null ? null : alarmPublisher::publish);
        lifecycle.add(new Notifier(config.alarmHandling(), notifications, scheduler, clock));
        for (MqttCollectorConfig mqtt : config.mqttCollectors()) {
            collectors.add(new MqttCollector(mqtt, rejects, metrics, clock, scheduler));
        }
        for (OpcUaCollectorConfig opcua : config.opcuaCollectors()) {
            collectors.add(new OpcUaCollector(opcua, config.sensorsById(), rejects, metrics, clock));
        }
        controlRoom.streamWith(HistoryApi.routes(config, store, new AlarmJson(mapper), mapper, clock));
        controlRoom.serve(new ApiContext(config, registry, collectors, store, pipeline, live, alarmBoard,
                new AlarmJson(mapper), metrics, mapper, clock, STALE_AFTER, systemAlarms));
        controlRoom.acknowledgeWith(acknowledger);
        controlRoom.healthSection("uplink", uplink::toJson);
        new MaintenanceRoutes(maintenance, mapper).register(controlRoom.router());
        controlRoom.showMaintenance(sensor -> maintenance.active(sensor) != null);
    }

    private Executor laneOf(String sensor) {
        return pipeline.laneExecutor(sensor);
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
        if (!repaired.isEmpty()) {
            writer.submit(List.of(), repaired, () -> LOG.info("{} journalled transitions stored", repaired.size()));
        }
        pipeline.start();
        escalations.restore(standingAtStart);
        if (alarmPublisher != null) {
            alarmPublisher.start();
        }
        uplink.start();
        maintenance.start(savedMaintenance, restoredActive);
        conditionChecks = scheduler.scheduleWithFixedDelay(this::checkConditions, 1, 1, TimeUnit.SECONDS);
        controlRoom.start();
        for (Collector collector : collectors) {
            collector.start(pipeline);
        }
        LOG.info("minewatch started: {} sites, {} registered sensors, store {}, {} collectors",
                config.sites().size(), registry.size(), store.name(), collectors.size());
    }

    private void checkConditions() {
        try {
            maintenance.expire();
            offline.tick();
        } catch (RuntimeException e) {
            // A failed round must not cancel the schedule: the next second tries again.
            LOG.error("Checking maintenance windows and offline sensors failed", e);
        }
    }

    public int httpPort() {
        return controlRoom.port();
    }

    public LiveBoard live() {
        return live;
    }

    public AlarmBoard alarms() {
        return alarmBoard;
    }

    /** The alarm journal: events emitted outside the pipeline (acknowledgements) reach it as an alarm listener. */
    public AlarmJournal journal() {
        return journal;
    }

    public ControlRoom controlRoom() {
        return controlRoom;
    }

    /** Acknowledges alarms for the control room ({@code POST /api/alarms/{id}/ack}). */
    public AlarmAcknowledger acknowledger() {
        return acknowledger;
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
        if (conditionChecks != null) {
            conditionChecks.cancel(false);
        }
        pipeline.close(DRAIN_ON_CLOSE);
        pond.close();
        writer.close();
        if (rollups != null) {
            rollups.close();
        }
        alarmState.close();
        uplink.close();
        journal.close();
        store.close();
        if (alarmPublisher != null) {
            alarmPublisher.close();
        }
        controlRoom.close();
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
