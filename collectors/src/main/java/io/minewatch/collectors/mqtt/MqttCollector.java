package io.minewatch.collectors.mqtt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.collectors.Collector;
import io.minewatch.collectors.CollectorHealth;
import io.minewatch.collectors.CollectorHealth.State;
import io.minewatch.collectors.Ingest;
import io.minewatch.collectors.IngestSink;
import io.minewatch.collectors.ReconnectBackoff;
import io.minewatch.collectors.reject.RejectSink;
import io.minewatch.config.MqttCollectorConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to one MQTT broker (Eclipse Paho) and hands each message to the gateway as an {@link Ingest}.
 *
 * <ul>
 *   <li>Acknowledgement is manual: a QoS 1/2 message is acknowledged only when the gateway completes its
 *       {@link io.minewatch.collectors.Delivery}, i.e. once its readings are stored or rejected. The session is
 *       persistent ({@code cleanSession=false}, stable client id), so a message not acknowledged before a
 *       disconnection is delivered again after the reconnection.</li>
 *   <li>Backpressure: received messages wait in a bounded receive queue ({@code receive_queue}) and a hand-over
 *       thread passes them to {@link IngestSink#submit}, which blocks while the gateway is busy; unacknowledged
 *       messages stay with the broker beyond its in-flight window. Paho's own threads stay free to answer
 *       keep-alives (see {@link MqttIntake}).</li>
 *   <li>An acknowledgement is sent only on the connection its message arrived on: after a reconnection the broker
 *       delivers the unacknowledged messages again, under packet ids it may reuse.</li>
 *   <li>A topic without {@code {site}/{sensor}} (see {@link MqttTopics}) is rejected as {@code bad_topic} and
 *       acknowledged.</li>
 *   <li>Connections are retried in the background with exponential backoff between {@code reconnectMin} and
 *       {@code reconnectMax}, from the first attempt on; every successful connection subscribes again, since a
 *       restarted broker may have lost the session.</li>
 *   <li>Metrics: {@value #MESSAGES_METER} (counter), {@value #CONNECTED_METER} (gauge, 1 or 0) and
 *       {@value #WAITING_METER} (gauge, messages in the receive queue), all tagged {@code collector=<name>}.</li>
 * </ul>
 */
public final class MqttCollector implements Collector {

    public static final String MESSAGES_METER = "minewatch.collector.messages";
    public static final String CONNECTED_METER = "minewatch.collector.connected";
    public static final String WAITING_METER = "minewatch.collector.receive.queue";

    private static final long DISCONNECT_QUIESCE_MILLIS = 500;
    private static final long DISCONNECT_WAIT_MILLIS = 2_000;
    private static final long FORCED_DISCONNECT_WAIT_MILLIS = 1_000;
    private static final int SUBSCRIPTION_REFUSED = 0x80;

    private static final Logger log = LoggerFactory.getLogger(MqttCollector.class);

    private final MqttCollectorConfig config;
    private final String name;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final MqttIntake intake;
    private final String[] filters;
    private final int[] qos;
    private final MqttConnectOptions options;
    private final MqttAsyncClient client;
    private final MeterRegistry registry;
    private final AtomicInteger connected = new AtomicInteger();
    /** Number of the current connection; changes whenever one ends. */
    private final AtomicInteger connection = new AtomicInteger();
    private final Gauge connectedGauge;
    private final Gauge waitingGauge;

    private volatile CollectorHealth health;
    private volatile boolean stopped;
    /** Whether the broker resumed the collector's session (and its subscriptions) on the latest connection. */
    private volatile boolean sessionPresent;

    private final Object lock = new Object();
    // Guarded by lock.
    private boolean started;
    private final ReconnectBackoff backoff;
    private ScheduledFuture<?> pendingAttempt;
    private ScheduledFuture<?> pendingSubscribe;
    private int failedAttempts;
    private Instant downSince;
    private boolean subscriptionFailureLogged;

    public MqttCollector(MqttCollectorConfig config, RejectSink rejects, MeterRegistry registry, Clock clock,
            ScheduledExecutorService scheduler) {
        this.config = Objects.requireNonNull(config, "config");
        this.name = config.name();
        Objects.requireNonNull(rejects, "rejects");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.filters = config.topics().toArray(String[]::new);
        this.qos = new int[filters.length];
        Arrays.fill(qos, config.qos());
        this.backoff = new ReconnectBackoff(config.reconnectMin(), config.reconnectMax());
        this.options = PahoOptions.forCollector(config);
        try {
            // In-memory persistence: Paho would otherwise write files to the working directory. Inbound messages
            // are kept by the broker's session until acknowledged, so nothing is lost with the process.
            this.client = new MqttAsyncClient(config.url().toString(), config.clientId(), new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new IllegalArgumentException("url : " + config.url()
                    + " (expected: tcp://host:port or ssl://host:port): " + e.getMessage(), e);
        }
        Counter messages = Counter.builder(MESSAGES_METER)
                .description("MQTT messages received")
                .tag("collector", name)
                .register(registry);
        this.intake = new MqttIntake(name, config.topics(), rejects, clock, messages, this::acknowledge,
                connection::get, config.receiveQueue());
        client.setManualAcks(true);
        client.setCallback(new Callback());
        this.connectedGauge = Gauge.builder(CONNECTED_METER, connected, AtomicInteger::get)
                .description("1 while connected to the broker, else 0")
                .tag("collector", name)
                .register(registry);
        this.waitingGauge = Gauge.builder(WAITING_METER, intake, MqttIntake::waiting)
                .description("MQTT messages received and waiting for the pipeline")
                .tag("collector", name)
                .register(registry);
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

    /**
     * Connects and subscribes; returns once the first attempt has succeeded or failed (at most the connect timeout).
     * A failed attempt does not throw: it shows in {@link #health()} and is retried in the background.
     */
    @Override
    public void start(IngestSink sink) {
        Objects.requireNonNull(sink, "sink");
        synchronized (lock) {
            if (stopped) {
                throw new IllegalStateException("collector " + name + " : stopped (expected: a new collector)");
            }
            if (started) {
                throw new IllegalStateException("collector " + name + " : already started");
            }
            started = true;
        }
        intake.start(sink);
        setHealth(State.STARTING, "connecting to " + config.url());
        log.info("MQTT collector {} connecting to {} as {}, topics {} at QoS {}", name, config.url(),
                config.clientId(), config.topics(), config.qos());
        CountDownLatch firstAttempt = attemptConnect();
        if (firstAttempt != null) {
            try {
                firstAttempt.await(PahoOptions.CONNECT_TIMEOUT_SECONDS + 1L, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void stop() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
            if (pendingAttempt != null) {
                pendingAttempt.cancel(false);
            }
            cancelPendingSubscribe();
        }
        intake.stop();
        try {
            if (client.isConnected()) {
                client.disconnect(DISCONNECT_QUIESCE_MILLIS).waitForCompletion(DISCONNECT_WAIT_MILLIS);
            }
        } catch (MqttException e) {
            log.debug("MQTT collector {}: orderly disconnect from {} failed: {}", name, config.url(), e.toString());
        }
        intake.stop();
        try {
            client.disconnectForcibly(0, FORCED_DISCONNECT_WAIT_MILLIS, false);
        } catch (MqttException e) {
            log.trace("MQTT collector {}: already disconnected: {}", name, e.toString());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("MQTT collector {}: closing the client failed: {}", name, e.toString());
        }
        connected.set(0);
        registry.remove(connectedGauge);
        registry.remove(waitingGauge);
        setHealth(State.STOPPED, "stopped");
        log.info("MQTT collector {} stopped", name);
    }

    /**
     * Starts one connection attempt. Returns a latch released once its outcome is handled (success: connected and
     * subscribing; failure: reported and the next attempt scheduled), or null when there is nothing to wait for.
     */
    private CountDownLatch attemptConnect() {
        synchronized (lock) {
            pendingAttempt = null;
            if (stopped) {
                return null;
            }
        }
        CountDownLatch outcome = new CountDownLatch(1);
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // Callback.connectComplete, called right after this, subscribes.
                    sessionPresent = token.getSessionPresent();
                    outcome.countDown();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    try {
                        connectFailed(cause);
                    } finally {
                        outcome.countDown();
                    }
                }
            });
            return outcome;
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttException.REASON_CODE_CLIENT_CONNECTED
                    || e.getReasonCode() == MqttException.REASON_CODE_CONNECT_IN_PROGRESS) {
                return null; // an earlier attempt is under way or succeeded
            }
            connectFailed(e);
            return null;
        } catch (RuntimeException e) {
            connectFailed(e);
            return null;
        }
    }

    private void connectFailed(Throwable cause) {
        int attempt;
        boolean firstOfStreak;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            attempt = ++failedAttempts;
            firstOfStreak = attempt == 1 && downSince == null;
            if (downSince == null) {
                downSince = clock.instant();
            }
        }
        String detail = "cannot connect to " + config.url() + ": " + describe(cause) + " (attempt " + attempt + ")";
        setHealth(State.RECONNECTING, detail);
        if (firstOfStreak) {
            log.warn("MQTT collector {} cannot connect to {}: {}; retrying every {} to {}", name, config.url(),
                    describe(cause), config.reconnectMin(), config.reconnectMax());
        } else {
            log.debug("MQTT collector {}: {}", name, detail);
        }
        scheduleAttempt();
    }

    private void scheduleAttempt() {
        synchronized (lock) {
            if (stopped || (pendingAttempt != null && !pendingAttempt.isDone())) {
                return;
            }
            long delay = backoff.nextDelayMillis();
            try {
                pendingAttempt = scheduler.schedule(this::attemptConnect, delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                log.error("MQTT collector {}: cannot schedule a reconnect to {}, the scheduler is shut down", name,
                        config.url());
            }
        }
    }

    private void subscribe() {
        if (stopped) {
            return;
        }
        try {
            client.subscribe(filters, qos, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    subscribed(token.getGrantedQos());
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    subscriptionFailed("subscription to " + config.topics() + " failed: " + describe(cause));
                }
            });
        } catch (MqttException | RuntimeException e) {
            subscriptionFailed("subscription to " + config.topics() + " failed: " + describe(e));
        }
    }

    private void subscribed(int[] granted) {
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < filters.length; i++) {
            int grantedQos = granted != null && i < granted.length ? granted[i] : SUBSCRIPTION_REFUSED;
            if (grantedQos == SUBSCRIPTION_REFUSED) {
                refused.add(filters[i]);
            } else if (grantedQos < qos[i]) {
                log.warn("MQTT collector {}: {} granted QoS {} instead of {} for {}; messages may be lost in an "
                        + "outage", name, config.url(), grantedQos, qos[i], filters[i]);
            }
        }
        if (!refused.isEmpty()) {
            subscriptionFailed("broker refused subscription to " + refused);
            return;
        }
        synchronized (lock) {
            subscriptionFailureLogged = false;
        }
        setHealth(State.CONNECTED, "subscribed to " + config.topics() + " at " + config.url());
        log.info("MQTT collector {} subscribed to {} at {}", name, config.topics(), config.url());
    }

    private void subscriptionFailed(String detail) {
        if (stopped || !client.isConnected()) {
            return; // the reconnection subscribes again
        }
        boolean first;
        synchronized (lock) {
            first = !subscriptionFailureLogged;
            subscriptionFailureLogged = true;
        }
        if (first) {
            log.error("MQTT collector {} at {}: {}; retrying with backoff", name, config.url(), detail);
        }
        setHealth(State.RECONNECTING, detail);
        synchronized (lock) {
            cancelPendingSubscribe();
            try {
                long delay = backoff.nextDelayMillis();
                pendingSubscribe = scheduler.schedule(this::subscribe, delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                log.error("MQTT collector {}: cannot schedule a new subscription, the scheduler is shut down", name);
            }
        }
    }

    // Guarded by lock.
    private void cancelPendingSubscribe() {
        if (pendingSubscribe != null) {
            pendingSubscribe.cancel(false);
            pendingSubscribe = null;
        }
    }

    private void acknowledge(int messageId, int messageQos, int arrivedOn) {
        if (arrivedOn != connection.get()) {
            log.debug("MQTT collector {}: message {} is stored but arrived on an earlier connection; not "
                    + "acknowledged, the broker delivered it again", name, messageId);
            return;
        }
        try {
            // Queues the PUBACK/PUBCOMP for Paho's sender thread without waiting: safe from any thread, including
            // Paho's callback thread inside messageArrived.
            client.messageArrivedComplete(messageId, messageQos);
        } catch (MqttException | RuntimeException e) {
            log.debug("MQTT collector {}: acknowledgement of message {} not sent ({}); the broker delivers it again",
                    name, messageId, e.toString());
        }
    }

    private void setHealth(State state, String detail) {
        synchronized (lock) {
            if (health.state() == State.STOPPED) {
                return;
            }
            // "since" is when the state was entered: a new detail in the same state keeps it.
            health = new CollectorHealth(state, detail, health.state() == state ? health.since() : clock.instant());
        }
    }

    /** Paho's own messages are terse ("MqttException"): the underlying cause says what went wrong. */
    private static String describe(Throwable failure) {
        if (failure == null) {
            return "unknown cause";
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        Throwable cause = failure.getCause();
        return cause == null || cause == failure ? message : message + " (" + cause + ")";
    }

    /** Paho's callbacks. None of them lets an exception escape: Paho would drop the connection. */
    private final class Callback implements MqttCallbackExtended {

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (stopped) {
                return;
            }
            connected.set(1);
            Instant since;
            int attempts;
            synchronized (lock) {
                backoff.reset();
                cancelPendingSubscribe(); // subscribing now
                since = downSince;
                attempts = failedAttempts;
                downSince = null;
                failedAttempts = 0;
            }
            if (since == null) {
                log.info("MQTT collector {} connected to {}", name, serverUri);
            } else {
                log.info("MQTT collector {} reconnected to {} after {} ({} failed attempt(s))", name, serverUri,
                        Duration.between(since, clock.instant()), attempts);
            }
            if (sessionPresent) {
                // The broker kept the session and its subscriptions and delivers at once. The answer to subscribing
                // again comes only after the backlog it sent first, which takes a while when the gateway catches up.
                setHealth(State.CONNECTED, "connected to " + config.url() + ", session resumed with its "
                        + "subscriptions");
            }
            subscribe();
        }

        @Override
        public void connectionLost(Throwable cause) {
            // Paho has stopped delivering this connection's messages: later acknowledgements of them are not sent.
            connection.incrementAndGet();
            connected.set(0);
            if (stopped) {
                return;
            }
            synchronized (lock) {
                if (downSince == null) {
                    downSince = clock.instant();
                }
                failedAttempts = 0;
            }
            log.warn("MQTT collector {} lost its connection to {}: {}", name, config.url(), describe(cause));
            setHealth(State.RECONNECTING, "connection to " + config.url() + " lost: " + describe(cause));
            scheduleAttempt();
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            intake.messageArrived(topic, message);
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // This collector publishes nothing.
        }
    }
}
