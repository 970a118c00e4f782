package io.minewatch.simulators.mqtt;

import io.minewatch.simulators.fleet.Fleet;
import io.minewatch.simulators.fleet.SimulatedSensor;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
 * Publishes every sensor of a fleet once per period to {@code {topicRoot}/{site}/{sensor}} as a default-codec JSON
 * payload at QoS 1, over one Paho connection.
 *
 * <p>Each tick reads the time from the injected {@link Clock} and asks every sensor for its value at that instant.
 * Publishing is asynchronous, so a tick never waits for the broker; while the connection is down, ticks skip their
 * readings (counted in {@link #skipped()}) rather than queue stale values. A broker that is not up yet is retried with
 * a growing delay (Paho's automatic reconnect only covers connections that were once established); a lost
 * connection is restored by Paho.
 */
public final class FleetPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FleetPublisher.class);

    private static final int QOS = 1;
    private static final long FIRST_RETRY_MILLIS = 250;
    private static final long MAX_RETRY_MILLIS = 5_000;
    private static final int MAX_RECONNECT_DELAY_MILLIS = 5_000;
    private static final long QUIESCE_MILLIS = 500;
    private static final long STOP_WAIT_MILLIS = 2_000;

    private final PublisherSettings settings;
    private final Fleet fleet;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final String[] topics;

    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong silent = new AtomicLong();
    private final AtomicBoolean reportingFailures = new AtomicBoolean();
    private final IMqttActionListener deliveryListener = new DeliveryListener();
    // Not guarded by the lifecycle lock: Paho's callback thread updates it, and stop() holds that lock while it
    // waits for Paho.
    private final AtomicLong retryMillis = new AtomicLong(FIRST_RETRY_MILLIS);

    private final Object lifecycle = new Object();
    private volatile boolean running;
    private boolean started;
    private volatile MqttAsyncClient client;
    private MqttConnectOptions options;
    private ScheduledFuture<?> ticks;

    /** Publishes to {@code minewatch/{site}/{sensor}} every second. */
    public FleetPublisher(String brokerUrl, Fleet fleet, ScheduledExecutorService scheduler, Clock clock) {
        this(PublisherSettings.of(brokerUrl), fleet, scheduler, clock);
    }

    public FleetPublisher(PublisherSettings settings, Fleet fleet, ScheduledExecutorService scheduler, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.topics = fleet.sensors().stream().map(s -> settings.topicOf(s.site(), s.id())).toArray(String[]::new);
    }

    /**
     * Connects in the background and starts the ticks; returns at once. A publisher starts once.
     *
     * @throws IllegalStateException when already started
     */
    public void start() {
        synchronized (lifecycle) {
            if (started) {
                throw new IllegalStateException("publisher " + settings.clientId() + " : started (expected: a new one)");
            }
            started = true;
            try {
                // Memory persistence: the default file persistence would litter the working directory, and a
                // simulator has nothing worth keeping across restarts.
                client = new MqttAsyncClient(settings.brokerUrl(), settings.clientId(), new MemoryPersistence());
            } catch (MqttException e) {
                throw new IllegalArgumentException("brokerUrl : " + settings.brokerUrl() + " (expected: a broker Paho can"
                        + " reach: " + e.getMessage() + ")", e);
            }
            client.setCallback(new ConnectionLog());
            options = connectOptions();
            long periodMillis = settings.period().toMillis();
            try {
                ticks = scheduler.scheduleAtFixedRate(this::tick, 0, periodMillis, TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                closeClient();
                throw e;
            }
            running = true;
            connect();
            log.info("fleet publisher {} publishing {} sensors to {} under {}/ every {}", settings.clientId(),
                    fleet.size(), settings.brokerUrl(), settings.topicRoot(), settings.period());
        }
    }

    /** Stops the ticks and disconnects, waiting at most about two seconds. Safe to call twice. */
    public void stop() {
        synchronized (lifecycle) {
            if (!running) {
                return;
            }
            running = false;
            ticks.cancel(false);
            try {
                if (client.isConnected()) {
                    client.disconnect(QUIESCE_MILLIS).waitForCompletion(STOP_WAIT_MILLIS);
                }
            } catch (MqttException e) {
                log.debug("fleet publisher {} could not disconnect cleanly from {}: {}", settings.clientId(),
                        settings.brokerUrl(), e.toString());
            }
            closeClient();
            log.info("fleet publisher {} stopped: {} published, {} failed, {} skipped", settings.clientId(),
                    published(), failed(), skipped());
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Readings the broker acknowledged. */
    public long published() {
        return published.get();
    }

    /** Readings handed to the client that the broker refused or never acknowledged. */
    public long failed() {
        return failed.get();
    }

    /** Readings not sent because the connection was down at their tick. */
    public long skipped() {
        return skipped.get();
    }

    /** Readings not sent because their sensor was in a dropout (its signal gave no value). */
    public long silent() {
        return silent.get();
    }

    public boolean connected() {
        MqttAsyncClient current = client;
        return running && current != null && current.isConnected();
    }

    public PublisherSettings settings() {
        return settings;
    }

    private void closeClient() {
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("fleet publisher {} could not close its client: {}", settings.clientId(), e.toString());
        }
    }

    private MqttConnectOptions connectOptions() {
        MqttConnectOptions connect = new MqttConnectOptions();
        connect.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        connect.setCleanSession(true);
        connect.setAutomaticReconnect(true);
        connect.setMaxReconnectDelay(MAX_RECONNECT_DELAY_MILLIS);
        connect.setConnectionTimeout(10);
        connect.setKeepAliveInterval(30);
        // Paho refuses publishes beyond its in-flight window (10 by default); allow several ticks of the fleet.
        connect.setMaxInflight(Math.max(1_000, fleet.size() * 20));
        return connect;
    }

    private void connect() {
        if (!running) {
            return;
        }
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    retryMillis.set(FIRST_RETRY_MILLIS);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    retryConnect(failure);
                }
            });
        } catch (MqttException e) {
            retryConnect(e);
        }
    }

    private void retryConnect(Throwable failure) {
        if (!running) {
            return;
        }
        long delay = retryMillis.getAndUpdate(current -> Math.min(MAX_RETRY_MILLIS, current * 2));
        if (delay == FIRST_RETRY_MILLIS) {
            log.warn("fleet publisher {} cannot connect to {} ({}); retrying", settings.clientId(),
                    settings.brokerUrl(), failure.toString());
        } else {
            log.debug("fleet publisher {} still cannot connect to {} ({}); next try in {} ms", settings.clientId(),
                    settings.brokerUrl(), failure.toString(), delay);
        }
        try {
            scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            log.warn("fleet publisher {} cannot schedule a reconnect to {}: {}", settings.clientId(),
                    settings.brokerUrl(), e.toString());
        }
    }

    private void tick() {
        // An exception escaping a periodic task would silently cancel every later tick.
        try {
            if (!client.isConnected()) {
                // Connection failures and losses are logged where they happen; a skipped tick only counts.
                skipped.addAndGet(fleet.size());
                return;
            }
            long now = clock.millis();
            for (int i = 0; i < topics.length; i++) {
                publish(fleet.sensors().get(i), topics[i], now);
            }
        } catch (RuntimeException e) {
            log.error("fleet publisher {} tick failed", settings.clientId(), e);
        }
    }

    private void publish(SimulatedSensor sensor, String topic, long now) {
        double value = sensor.valueAt(now);
        if (Double.isNaN(value)) {
            // A dropout: the sensor sends nothing, as a cut cable would.
            silent.incrementAndGet();
            return;
        }
        byte[] payload;
        try {
            payload = ReadingPayloads.encode(sensor, value, now);
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            log.warn("fleet publisher {} cannot encode a reading of sensor {}: {}", settings.clientId(), sensor.id(),
                    e.toString());
            return;
        }
        MqttMessage message = new MqttMessage(payload);
        message.setQos(QOS);
        try {
            client.publish(topic, message, sensor, deliveryListener);
        } catch (MqttException e) {
            failed.incrementAndGet();
            reportFailure(sensor, e);
        }
    }

    private void reportFailure(Object sensor, Throwable failure) {
        String id = sensor instanceof SimulatedSensor simulated ? simulated.id() : String.valueOf(sensor);
        if (reportingFailures.compareAndSet(false, true)) {
            log.warn("fleet publisher {} failed to publish sensor {} to {}: {} (further failures at debug)",
                    settings.clientId(), id, settings.brokerUrl(), failure.toString());
        } else {
            log.debug("fleet publisher {} failed to publish sensor {}: {}", settings.clientId(), id,
                    failure.toString());
        }
    }

    private final class DeliveryListener implements IMqttActionListener {
        @Override
        public void onSuccess(IMqttToken token) {
            published.incrementAndGet();
            reportingFailures.set(false);
        }

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
            failed.incrementAndGet();
            reportFailure(token.getUserContext(), failure);
        }
    }

    private final class ConnectionLog implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            log.info("fleet publisher {} {} to {}", settings.clientId(), reconnect ? "reconnected" : "connected",
                    serverUri);
        }

        @Override
        public void connectionLost(Throwable cause) {
            log.warn("fleet publisher {} lost its connection to {}: {}", settings.clientId(), settings.brokerUrl(),
                    String.valueOf(cause));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // Publishes only; subscribes to nothing.
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Counted by DeliveryListener, which also sees failures.
        }
    }
}
