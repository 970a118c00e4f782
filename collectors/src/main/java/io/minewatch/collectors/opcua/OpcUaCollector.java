package io.minewatch.collectors.opcua;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.collectors.Collector;
import io.minewatch.collectors.CollectorHealth;
import io.minewatch.collectors.CollectorHealth.State;
import io.minewatch.collectors.IngestSink;
import io.minewatch.collectors.ReconnectBackoff;
import io.minewatch.collectors.reject.RejectReason;
import io.minewatch.collectors.reject.RejectSink;
import io.minewatch.collectors.reject.Rejection;
import io.minewatch.config.OpcUaCollectorConfig;
import io.minewatch.config.sites.SensorConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.sdk.client.api.UaSession;
import org.eclipse.milo.opcua.sdk.client.api.subscriptions.UaSubscription;
import org.eclipse.milo.opcua.sdk.client.api.subscriptions.UaSubscriptionManager.SubscriptionListener;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to the variables of one OPC UA server (Eclipse Milo client) and hands every data change to the gateway
 * as an {@link io.minewatch.collectors.Ingest} in the default JSON codec's format (see {@link ReadingEncoder}): the
 * source timestamp is the reading's time and a Bad or Uncertain status its quality.
 *
 * <p>The flaw this class exists to avoid is a gateway that silently stops delivering after the server restarts. So it
 * never relies on a session surviving: when the session goes inactive, the subscription times out, or its watchdog
 * sees no publish response, the whole client is dropped and a new one made, with a new session, a fresh browse of the
 * mapped folders, a new subscription and new monitored items, retried with backoff ({@code reconnect_min} doubling to
 * {@code reconnect_max}) until the server answers. Nothing depends on Milo-only server behaviour (no subscription
 * transfer, no vendor extensions).
 *
 * <ul>
 *   <li>Health: CONNECTED while the subscription is in place (with the refused variables, if any, in the detail),
 *       RECONNECTING with the reason while not.</li>
 *   <li>Metrics, tagged {@code collector=<name>}: {@value #MESSAGES_METER} (data changes), {@value #CONNECTED_METER}
 *       (gauge, 1 or 0), {@value #RECONNECTS_METER} (lost connections).</li>
 *   <li>{@link IngestSink#submit} is called on Milo's notification thread and may block it: the server then queues
 *       up to {@code queue_size} values per variable, as OPC UA intends.</li>
 *   <li>Connection work runs on the collector's own thread ({@code minewatch-opcua-<name>}): it blocks for up to the
 *       request timeout and must not hold up the gateway's shared schedulers.</li>
 * </ul>
 */
public final class OpcUaCollector implements Collector {

    public static final String MESSAGES_METER = "minewatch.collector.messages";
    public static final String CONNECTED_METER = "minewatch.collector.connected";
    public static final String RECONNECTS_METER = "minewatch.collector.reconnects";

    private static final Logger log = LoggerFactory.getLogger(OpcUaCollector.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(3);

    private final OpcUaCollectorConfig config;
    private final String name;
    private final RejectSink rejects;
    private final MeterRegistry registry;
    private final Clock clock;
    private final NodeResolver resolver;
    private final ReadingEncoder encoder;
    private final ServerTrust trust;
    private final Counter messages;
    private final Counter reconnects;
    private final AtomicInteger connected = new AtomicInteger();
    private final Gauge connectedGauge;
    private final ScheduledExecutorService connector;

    private volatile IngestSink sink;
    private volatile CollectorHealth health;
    private volatile boolean stopped;
    private volatile Connection current;

    private final Object lifecycle = new Object();
    // Guarded by lifecycle.
    private boolean started;

    // Confined to the connector thread.
    private final ReconnectBackoff delays;
    private final Set<String> reportedProblems = new HashSet<>();
    private long generation;
    private int failedAttempts;
    private Instant downSince;
    private String lastFailureLogged;
    private Optional<ClientCertificate> certificate = Optional.empty();
    private boolean certificateLoaded;

    /** One client with its subscription; {@code generation} tells its events from those of earlier clients. */
    private record Connection(long generation, OpcUaClient client, UaSubscription subscription) {
    }

    /**
     * @param sensors every registered sensor by id: nodes map only to these, and a reading's site is its sensor's
     */
    public OpcUaCollector(OpcUaCollectorConfig config, Map<String, SensorConfig> sensors, RejectSink rejects,
            MeterRegistry registry, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.name = config.name();
        this.rejects = Objects.requireNonNull(rejects, "rejects");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.resolver = new NodeResolver(config, Map.copyOf(Objects.requireNonNull(sensors, "sensors")));
        this.encoder = new ReadingEncoder(name);
        this.trust = new ServerTrust(name, config.endpoint().toString(), config.security().pkiDir(),
                config.security().trustOnFirstUse());
        this.delays = new ReconnectBackoff(config.reconnectMin(), config.reconnectMax());
        this.messages = Counter.builder(MESSAGES_METER).description("OPC UA data changes received")
                .tag("collector", name).register(registry);
        this.reconnects = Counter.builder(RECONNECTS_METER).description("Connections to the source lost")
                .tag("collector", name).register(registry);
        this.connectedGauge = Gauge.builder(CONNECTED_METER, connected, AtomicInteger::get)
                .description("1 while connected to the source, else 0").tag("collector", name).register(registry);
        this.connector = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "minewatch-opcua-" + name);
            thread.setDaemon(true);
            return thread;
        });
        this.health = new CollectorHealth(State.STARTING, "not started", clock.instant());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CollectorHealth health() {
        return health;
    }

    /** Connects and subscribes; returns once the first attempt has succeeded or failed. Never throws for either. */
    @Override
    public void start(IngestSink ingestSink) {
        Objects.requireNonNull(ingestSink, "sink");
        synchronized (lifecycle) {
            if (stopped) {
                throw new IllegalStateException("collector " + name + " : stopped (expected: a new collector)");
            }
            if (started) {
                throw new IllegalStateException("collector " + name + " : already started");
            }
            started = true;
        }
        this.sink = ingestSink;
        setHealth(State.STARTING, "connecting to " + config.endpoint());
        log.info("OPC UA collector {} connecting to {} (security {} {}, {}), {} node and {} browse mappings", name,
                config.endpoint(), config.security().policy().id(), config.security().mode().id(),
                config.security().username() == null ? "anonymous" : "user " + config.security().username(),
                config.nodes().size(), config.browse().size());
        if (config.security().username() != null
                && config.security().policy() == OpcUaCollectorConfig.SecurityPolicy.NONE) {
            log.warn("OPC UA collector {}: security none with a user name; the password is protected only if the"
                    + " server's user token policy encrypts it", name);
        }
        Future<?> first = connector.submit(this::attempt);
        try {
            first.get(OpcUaClients.REQUEST_TIMEOUT.toMillis() * 6, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.debug("OPC UA collector {}: first attempt still running or failed: {}", name, e.toString());
        }
    }

    @Override
    public void stop() {
        synchronized (lifecycle) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        connector.shutdownNow();
        try {
            if (!connector.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("OPC UA collector {}: a connection attempt to {} did not end within {} s", name,
                        config.endpoint(), STOP_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Connection last = current;
        current = null;
        if (last != null) {
            try {
                last.client().disconnect().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                log.debug("OPC UA collector {}: disconnect from {} failed: {}", name, config.endpoint(), e.toString());
            }
        }
        connected.set(0);
        registry.remove(connectedGauge);
        setHealth(State.STOPPED, "stopped");
        log.info("OPC UA collector {} stopped", name);
    }

    /** One connection attempt, on the connector thread. */
    private void attempt() {
        if (stopped) {
            return;
        }
        long attemptGeneration = ++generation;
        OpcUaClient client = null;
        try {
            if (!certificateLoaded) {
                certificate = OpcUaClients.clientCertificate(config.security());
                certificateLoaded = true;
                certificate.ifPresent(c -> log.info("OPC UA collector {}: client certificate {} (SHA-1 thumbprint {});"
                        + " a server that checks clients must have it in its trust list", name, c.derFile(),
                        ServerTrust.thumbprint(c.certificate())));
            }
            client = OpcUaClients.connect(name, config.endpoint(), config.security(), trust, certificate);
            watch(client, attemptGeneration);
            NodeResolver.Resolution resolution = resolver.resolve(client);
            MonitoredItems.Created created = MonitoredItems.create(client, config.subscription(), resolution.nodes(),
                    this::deliver);
            current = new Connection(attemptGeneration, client, created.subscription());
            connected(resolution, created);
        } catch (OpcUaConnectException | RuntimeException e) {
            if (client != null) {
                client.disconnect();
            }
            if (!stopped) {
                failed(e instanceof OpcUaConnectException ? e.getMessage() : "unexpected failure: " + e);
            }
        }
    }

    /** Every way a connection is found lost ends in {@link #lost}; events of an older client are ignored there. */
    private void watch(OpcUaClient client, long connectionGeneration) {
        client.addSessionActivityListener(new SessionActivityListener() {
            @Override
            public void onSessionInactive(UaSession session) {
                onConnector(() -> lost(connectionGeneration, "the session ended (connection closed or timed out)"));
            }
        });
        client.getSubscriptionManager().addSubscriptionListener(new SubscriptionListener() {
            @Override
            public void onStatusChanged(UaSubscription subscription, StatusCode status) {
                if (status.isBad()) {
                    onConnector(() -> lost(connectionGeneration, "the subscription ended with "
                            + ReadingEncoder.statusName(status)));
                }
            }

            @Override
            public void onSubscriptionTransferFailed(UaSubscription subscription, StatusCode status) {
                onConnector(() -> lost(connectionGeneration, "the server lost the subscription ("
                        + ReadingEncoder.statusName(status) + ")"));
            }

            @Override
            public void onSubscriptionWatchdogTimerElapsed(UaSubscription subscription) {
                onConnector(() -> lost(connectionGeneration, "no publish response or keep-alive in time"));
            }
        });
    }

    private void onConnector(Runnable task) {
        try {
            connector.execute(task);
        } catch (RejectedExecutionException e) {
            // Stopping: nothing to reconnect.
        }
    }

    /** On the connector thread. */
    private void connected(NodeResolver.Resolution resolution, MonitoredItems.Created created) {
        delays.reset();
        failedAttempts = 0;
        lastFailureLogged = null;
        connected.set(1);
        int refused = created.refused().size();
        StringBuilder detail = new StringBuilder("monitoring ").append(created.monitored()).append(" variables at ")
                .append(config.endpoint());
        if (refused > 0) {
            detail.append("; refused by the server: ").append(String.join(", ", created.refused()));
        }
        if (!resolution.problems().isEmpty()) {
            detail.append("; not mapped: ").append(resolution.problems().size());
        }
        setHealth(State.CONNECTED, detail.toString());
        if (downSince != null) {
            log.info("OPC UA collector {} reconnected to {} after {} s; monitoring {} variables again", name,
                    config.endpoint(), Duration.between(downSince, clock.instant()).toSeconds(), created.monitored());
        } else {
            log.info("OPC UA collector {} connected to {}, monitoring {} variables", name, config.endpoint(),
                    created.monitored());
        }
        downSince = null;
        if (created.unfiltered() > 0) {
            report("the server refused the data change filter (trigger " + config.subscription().trigger().id()
                    + ", deadband " + config.subscription().deadbandType().id() + ") on " + created.unfiltered()
                    + " variables; they report status and value changes without deadband");
        }
        created.refused().forEach(problem -> report("variable refused by the server: " + problem));
        resolution.problems().forEach(this::report);
    }

    /** Logs a mapping problem once per collector, not on every reconnection. */
    private void report(String problem) {
        if (reportedProblems.add(problem)) {
            log.warn("OPC UA collector {} at {}: {}", name, config.endpoint(), problem);
        }
    }

    /** On the connector thread. */
    private void failed(String reason) {
        failedAttempts++;
        if (downSince == null) {
            downSince = clock.instant();
        }
        long delay = delays.nextDelayMillis();
        setHealth(State.RECONNECTING, "cannot connect to " + config.endpoint() + ": " + reason + " (attempt "
                + failedAttempts + ", next in " + delay + " ms)");
        if (!reason.equals(lastFailureLogged)) {
            lastFailureLogged = reason;
            log.warn("OPC UA collector {} cannot connect to {}: {}; retrying every {} ms to {} ms", name,
                    config.endpoint(), reason, config.reconnectMin().toMillis(), config.reconnectMax().toMillis());
        } else {
            log.debug("OPC UA collector {}: attempt {} to reach {} failed: {}", name, failedAttempts,
                    config.endpoint(), reason);
        }
        schedule(delay);
    }

    /** On the connector thread. */
    private void lost(long connectionGeneration, String reason) {
        Connection lostConnection = current;
        if (stopped || lostConnection == null || lostConnection.generation() != connectionGeneration) {
            return;
        }
        current = null;
        connected.set(0);
        reconnects.increment();
        downSince = clock.instant();
        lostConnection.client().disconnect();
        setHealth(State.RECONNECTING, "lost the connection to " + config.endpoint() + ": " + reason
                + "; reconnecting");
        log.warn("OPC UA collector {} lost the connection to {}: {}; reconnecting and subscribing again", name,
                config.endpoint(), reason);
        schedule(delays.nextDelayMillis());
    }

    private void schedule(long delayMillis) {
        try {
            connector.schedule(this::attempt, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Stopping.
        }
    }

    /** On Milo's notification thread. Never throws: Milo would drop the remaining notifications. */
    private void deliver(MappedNode node, DataValue value) {
        if (stopped) {
            return;
        }
        messages.increment();
        try {
            ReadingEncoder.Outcome outcome = encoder.encode(node, value, clock.millis());
            if (outcome.rejection() != null) {
                rejects.reject(outcome.rejection());
                return;
            }
            sink.submit(outcome.ingest());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (stopped) {
                return;
            }
            log.error("OPC UA collector {}: a value of {} ({}) could not be handed over", name, node.address(),
                    node.sensor(), e);
            rejects.reject(new Rejection(RejectReason.INTERNAL_ERROR, e.toString(), name, node.address(),
                    String.valueOf(value), clock.millis()));
        }
    }

    private void setHealth(State state, String detail) {
        synchronized (lifecycle) {
            if (health.state() == State.STOPPED) {
                return;
            }
            health = new CollectorHealth(state, detail, clock.instant());
        }
    }
}
