package io.minewatch.gateway.fault;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.paho.client.mqttv3.DisconnectedBufferOptions;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes readings of a {@link Fleet} as its sensors do: one JSON object per message on
 * {@code minewatch/{site}/{sensor}}, QoS 1. A reading counts as published only once the broker has acknowledged it
 * (its delivery token completed).
 *
 * <p>The client keeps a persistent session ({@code cleanSession=false}), reconnects by itself and buffers what is
 * published while it is disconnected; messages in flight when a connection drops are sent again after the
 * reconnection, so a broker restart loses nothing the publisher still holds.
 *
 * <p>Reading {@code g} (counting from 0 over the whole run) goes to sensor {@code g mod sensors} and is stamped
 * {@code t0 + g} ms, with {@code t0} an hour before the start: every (sensor, time) is unique, and even a publisher
 * running flat out for minutes stays in the past.
 */
final class ReadingPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingPublisher.class);
    private static final long TICK_MILLIS = 10;
    private static final int MAX_IN_FLIGHT = 20_000;

    private final Fleet fleet;
    private final List<String> sensors;
    private final MqttAsyncClient client;
    private final long t0 = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "reading-publisher");
        thread.setDaemon(true);
        return thread;
    });
    private final long[] perSensor;
    private final AtomicLong attempted = new AtomicLong();
    private final AtomicLong failureNotices = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final ConcurrentLinkedQueue<PublishedReading> sent = new ConcurrentLinkedQueue<>();
    private final Set<PublishedReading> acknowledged = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private long next;

    ReadingPublisher(String brokerUrl, String clientId, Fleet fleet) throws MqttException {
        this.fleet = fleet;
        this.sensors = fleet.sensors();
        this.perSensor = new long[sensors.size()];
        this.client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
        DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
        buffer.setBufferEnabled(true);
        buffer.setBufferSize(500_000);
        buffer.setPersistBuffer(false);
        buffer.setDeleteOldestMessages(false);
        client.setBufferOpts(buffer);
    }

    void connect() throws MqttException {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(1000);
        options.setMaxInflight(MAX_IN_FLIGHT);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout(10);
        client.connect(options).waitForCompletion(10_000);
    }

    /** Publishes {@code readingsPerSecond} readings a second, in ticks of 10 ms, until {@link #stop()}. */
    void startPaced(int readingsPerSecond) {
        int perTick = (int) (readingsPerSecond * TICK_MILLIS / 1000);
        if (perTick < 1) {
            throw new IllegalArgumentException("readingsPerSecond : " + readingsPerSecond + " (expected: >= 100)");
        }
        running = true;
        pacer.scheduleAtFixedRate(() -> {
            for (int i = 0; i < perTick && running; i++) {
                publishNext(null);
            }
        }, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Publishes as fast as the broker acknowledges, with at most {@code window} messages unacknowledged. */
    void startFlatOut(int window) {
        running = true;
        Semaphore permits = new Semaphore(window);
        pacer.execute(() -> {
            try {
                while (running) {
                    if (permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                        publishNext(permits);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void publishNext(Semaphore permits) {
        long g = next++;
        int index = (int) (g % sensors.size());
        String sensor = sensors.get(index);
        PublishedReading reading = new PublishedReading(sensor, t0 + g, fleet.value(sensor, perSensor[index]++));
        byte[] payload = ("{\"value\":" + reading.value() + ",\"ts\":" + reading.timestampMillis() + "}")
                .getBytes(StandardCharsets.UTF_8);
        try {
            client.publish("minewatch/" + fleet.site() + "/" + sensor, payload, 1, false, null,
                    new IMqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            if (acknowledged.add(reading)) {
                                release(permits);
                            }
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable cause) {
                            // Paho reports a message in flight as failed whenever a connection is lost or a
                            // reconnection fails, and still sends it again once connected: it may succeed later.
                            failureNotices.incrementAndGet();
                            LOG.debug("publication of {} at {} not acknowledged yet: {}", sensor,
                                    reading.timestampMillis(), cause.toString());
                        }
                    });
            sent.add(reading);
            attempted.incrementAndGet();
        } catch (MqttException e) {
            // Never handed to the client: neither published nor sent.
            refused.incrementAndGet();
            release(permits);
            LOG.debug("publication of {} refused by the client: {}", sensor, e.toString());
        }
    }

    private static void release(Semaphore permits) {
        if (permits != null) {
            permits.release();
        }
    }

    /**
     * Stops publishing and waits at most 30 s until the broker has acknowledged every message handed to the client.
     * A message still unacknowledged after that counts as sent, not as published.
     */
    void stop() {
        running = false;
        pacer.shutdown();
        try {
            await("publisher's last acknowledgements").atMost(Duration.ofSeconds(30))
                    .until(() -> pacer.isTerminated() && acknowledged.size() == attempted.get());
        } catch (ConditionTimeoutException e) {
            LOG.warn("{} of {} messages the publisher sent are still unacknowledged", attempted.get()
                    - acknowledged.size(), attempted.get());
        }
        LOG.info("publisher stopped: {} of {} readings acknowledged, {} failure notices, {} refused by the client",
                acknowledged.size(), attempted.get(), failureNotices.get(), refused.get());
    }

    /** Readings the broker has acknowledged. */
    long completed() {
        return acknowledged.size();
    }

    /** Readings handed to the client (acknowledged or not). */
    long attempted() {
        return attempted.get();
    }

    /** The acknowledged readings by sensor, each sensor's in time order. */
    Map<String, List<PublishedReading>> published() {
        return bySensor(acknowledged);
    }

    /** Every reading handed to the client by sensor, acknowledged or not: a superset of what may be stored. */
    Map<String, List<PublishedReading>> sent() {
        return bySensor(sent);
    }

    private static Map<String, List<PublishedReading>> bySensor(Collection<PublishedReading> readings) {
        return readings.stream().sorted(Comparator.comparingLong(PublishedReading::timestampMillis))
                .collect(Collectors.groupingBy(PublishedReading::sensor, TreeMap::new,
                        Collectors.toCollection(ArrayList::new)));
    }

    @Override
    public void close() {
        running = false;
        pacer.shutdownNow();
        try {
            client.disconnectForcibly(0, 1000, false);
        } catch (MqttException e) {
            LOG.debug("publisher already disconnected: {}", e.toString());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("publisher not closed: {}", e.toString());
        }
    }
}
