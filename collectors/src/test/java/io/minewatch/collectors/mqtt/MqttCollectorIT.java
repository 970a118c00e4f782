package io.minewatch.collectors.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.collectors.CollectorHealth.State;
import io.minewatch.collectors.Ingest;
import io.minewatch.collectors.IngestSink;
import io.minewatch.collectors.reject.RejectReason;
import io.minewatch.collectors.reject.Rejection;
import io.minewatch.config.MqttCollectorConfig;
import io.minewatch.config.MqttCollectorConfig.TlsConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MQTT collector against real Mosquitto brokers: the shared one named by {@code MINEWATCH_IT_MQTT}, and brokers
 * of the test's own that it kills and restarts.
 */
class MqttCollectorIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String root = "minewatch-it/" + run;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<Rejection> rejections = new CopyOnWriteArrayList<>();
    private final List<MqttCollector> collectors = new ArrayList<>();
    private final List<AutoCloseable> cleanups = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void cleanUp() throws Exception {
        collectors.forEach(MqttCollector::stop);
        for (AutoCloseable cleanup : cleanups) {
            cleanup.close();
        }
        scheduler.shutdownNow();
    }

    private static String sharedBroker() {
        String url = System.getenv("MINEWATCH_IT_MQTT");
        assertThat(url)
                .as("MINEWATCH_IT_MQTT must name the test broker, e.g. tcp://127.0.0.1:21883 (scripts/test sets it)")
                .isNotBlank();
        return url;
    }

    private MqttCollectorConfig config(String url, String filter, String clientId, TlsConfig tls) {
        return new MqttCollectorConfig("it-" + run, URI.create(url), List.of(filter), 1, clientId, null, null, tls,
                Duration.ofMillis(100), Duration.ofMillis(800), 0);
    }

    private MqttCollector start(MqttCollectorConfig config, IngestSink sink) {
        MqttCollector collector = new MqttCollector(config, rejections::add, registry, Clock.systemUTC(), scheduler);
        collectors.add(collector);
        collector.start(sink);
        return collector;
    }

    private static void awaitState(MqttCollector collector, State state) {
        await("health " + state).atMost(TIMEOUT).until(() -> collector.health().state() == state);
    }

    /** Removes a persistent session from the shared broker, so that test runs leave nothing behind. */
    private void dropSessionAfterwards(String url, String clientId) {
        cleanups.add(() -> {
            MqttClient client = new MqttClient(url, clientId, new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            client.connect(options);
            client.disconnect();
            client.close();
        });
    }

    private static void publish(String url, String topic, String payload) throws MqttException {
        MqttClient publisher = new MqttClient(url, "minewatch-it-pub-" + UUID.randomUUID(), new MemoryPersistence());
        try {
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            publisher.connect(options);
            publisher.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
            publisher.disconnect();
        } finally {
            publisher.close();
        }
    }

    @Test
    void handsOverPublishedMessageWithSiteAndSensorFromTheTopic() throws Exception {
        String url = sharedBroker();
        String clientId = "minewatch-it-" + run;
        dropSessionAfterwards(url, clientId);
        RecordingSink sink = RecordingSink.completing();
        MqttCollector collector = start(config(url, root + "/+/+", clientId, null), sink);
        awaitState(collector, State.CONNECTED);
        long before = System.currentTimeMillis();

        String payload = "{\"value\": 0.42, \"ts\": 1763809200123, \"kind\": \"ch4\", \"unit\": \"%\"}";
        publish(url, root + "/CM01/CM01-CH4-T1", payload);

        await().atMost(TIMEOUT).until(() -> !sink.received.isEmpty());
        Ingest ingest = sink.received.get(0);
        assertThat(ingest.site()).isEqualTo("CM01");
        assertThat(ingest.sensor()).isEqualTo("CM01-CH4-T1");
        assertThat(ingest.topic()).isEqualTo(root + "/CM01/CM01-CH4-T1");
        assertThat(ingest.source()).isEqualTo("it-" + run);
        assertThat(new String(ingest.payload(), StandardCharsets.UTF_8)).isEqualTo(payload);
        assertThat(ingest.receivedAtMillis()).isBetween(before, System.currentTimeMillis());
        assertThat(registry.get(MqttCollector.MESSAGES_METER).tag("collector", "it-" + run).counter().count())
                .isEqualTo(1);
        assertThat(registry.get(MqttCollector.CONNECTED_METER).tag("collector", "it-" + run).gauge().value())
                .isEqualTo(1);
    }

    @Test
    void redeliversMessageWhoseDeliveryWasNeverCompletedAfterReconnecting() throws Exception {
        String url = sharedBroker();
        String clientId = "minewatch-it-" + run;
        dropSessionAfterwards(url, clientId);
        MqttCollectorConfig config = config(url, root + "/+/+", clientId, null);

        RecordingSink forgetful = RecordingSink.neverCompleting();
        MqttCollector first = start(config, forgetful);
        awaitState(first, State.CONNECTED);
        publish(url, root + "/CM01/S1", "1.5");
        await().atMost(TIMEOUT).until(() -> forgetful.payloads().contains("1.5"));
        assertThat(forgetful.received).extracting(Ingest::redelivered).containsExactly(false);
        first.stop();

        RecordingSink completing = RecordingSink.completing();
        MqttCollector second = start(config, completing);
        await("redelivery of the unacknowledged message").atMost(TIMEOUT)
                .until(() -> completing.payloads().contains("1.5"));
        // The broker's DUP flag: the gateway may have evaluated it already (RuleEngine does not evaluate it twice).
        assertThat(completing.received).extracting(Ingest::redelivered).containsExactly(true);
        awaitState(second, State.CONNECTED);
        second.stop();

        // Acknowledged now: a third session gets only what is published next.
        RecordingSink third = RecordingSink.completing();
        MqttCollector last = start(config, third);
        awaitState(last, State.CONNECTED);
        publish(url, root + "/CM01/S1", "2.5");
        await().atMost(TIMEOUT).until(() -> third.payloads().contains("2.5"));
        assertThat(third.payloads()).containsExactly("2.5");
        assertThat(third.received).extracting(Ingest::redelivered).containsExactly(false);
    }

    @Test
    void redeliversUnacknowledgedMessageWhenTheSameCollectorReconnects() throws Exception {
        String url = sharedBroker();
        URI broker = URI.create(url);
        SwitchableProxy proxy = new SwitchableProxy(broker.getHost(), broker.getPort());
        cleanups.add(proxy);
        String clientId = "minewatch-it-" + run;
        dropSessionAfterwards(url, clientId);
        List<Ingest> firstDeliveries = new CopyOnWriteArrayList<>();
        RecordingSink sink = RecordingSink.completing();
        MqttCollector collector = start(config("tcp://127.0.0.1:" + proxy.port(), root + "/+/+", clientId, null),
                ingest -> {
                    if (firstDeliveries.isEmpty()) {
                        firstDeliveries.add(ingest); // held, never completed: not acknowledged
                    } else {
                        sink.submit(ingest);
                    }
                });
        awaitState(collector, State.CONNECTED);
        publish(url, root + "/CM01/S1", "0.9");
        await().atMost(TIMEOUT).until(() -> !firstDeliveries.isEmpty());

        Instant dropped = Instant.now();
        proxy.dropConnections();

        await("redelivery to the same collector").atMost(TIMEOUT).until(() -> sink.payloads().contains("0.9"));
        assertThat(sink.received.get(0).topic()).isEqualTo(root + "/CM01/S1");
        assertThat(firstDeliveries.get(0).redelivered()).isFalse();
        assertThat(sink.received.get(0).redelivered()).isTrue();
        await("connected again").atMost(TIMEOUT).until(() -> collector.health().state() == State.CONNECTED
                && collector.health().since().isAfter(dropped));
    }

    @Test
    void rejectsAndAcknowledgesMessageOnTopicWithoutSiteAndSensor() throws Exception {
        String url = sharedBroker();
        String clientId = "minewatch-it-" + run;
        dropSessionAfterwards(url, clientId);
        MqttCollectorConfig config = config(url, root + "/#", clientId, null);
        RecordingSink sink = RecordingSink.completing();
        MqttCollector collector = start(config, sink);
        awaitState(collector, State.CONNECTED);

        publish(url, root + "/lonely", "0.1");

        await().atMost(TIMEOUT).until(() -> !rejections.isEmpty());
        assertThat(rejections).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectReason.BAD_TOPIC);
            assertThat(r.topic()).isEqualTo(root + "/lonely");
            assertThat(r.excerpt()).isEqualTo("0.1");
        });
        assertThat(sink.received).isEmpty();

        collector.stop();
        RecordingSink next = RecordingSink.completing();
        MqttCollector again = start(config, next);
        awaitState(again, State.CONNECTED);
        publish(url, root + "/CM01/S1", "marker");
        await().atMost(TIMEOUT).until(() -> next.payloads().contains("marker"));
        assertThat(rejections).as("the rejected message was acknowledged, not delivered again").hasSize(1);
    }

    @Test
    void keepsItsConnectionWhileTheGatewayHoldsMessagesLongerThanTheKeepAlive() throws Exception {
        String url = sharedBroker();
        String clientId = "minewatch-it-" + run;
        dropSessionAfterwards(url, clientId);
        MqttCollectorConfig base = config(url, root + "/+/+", clientId, null);
        MqttCollectorConfig config = new MqttCollectorConfig(base.name(), base.url(), base.topics(), 1,
                base.clientId(), null, null, null, base.reconnectMin(), base.reconnectMax(), 0,
                Duration.ofSeconds(1), 500);
        CountDownLatch release = new CountDownLatch(1);
        RecordingSink sink = RecordingSink.completing();
        MqttCollector collector = start(config, ingest -> {
            release.await(); // the pipeline is full: backpressure
            sink.submit(ingest);
        });
        awaitState(collector, State.CONNECTED);
        Instant connectedSince = collector.health().since();

        publishMany(url, root + "/CM01/S1", 200);
        await("messages waiting for the pipeline").atMost(TIMEOUT).until(() -> registry
                .get(MqttCollector.WAITING_METER).tag("collector", "it-" + run).gauge().value() >= 199);
        // Paho would miss keep-alive answers and drop the link after about 2 keep-alives if it were held.
        await("connection held for 4 keep-alives").during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                .until(() -> collector.health().state() == State.CONNECTED
                        && collector.health().since().equals(connectedSince));
        release.countDown();

        await("every message handed over in order").atMost(TIMEOUT).until(() -> sink.received.size() == 200);
        assertThat(sink.payloads()).isEqualTo(java.util.stream.IntStream.range(0, 200)
                .mapToObj(Integer::toString).toList());
        assertThat(collector.health().since()).isEqualTo(connectedSince);
    }

    @Test
    void doesNotAcknowledgeOnANewConnectionAMessageThatArrivedOnAnEarlierOne() throws Exception {
        String url = sharedBroker();
        URI broker = URI.create(url);
        SwitchableProxy proxy = new SwitchableProxy(broker.getHost(), broker.getPort());
        cleanups.add(proxy);
        String clientId = "minewatch-it-" + run;
        dropSessionAfterwards(url, clientId);
        MqttCollectorConfig config = config("tcp://127.0.0.1:" + proxy.port(), root + "/+/+", clientId, null);
        List<Ingest> held = new CopyOnWriteArrayList<>();
        MqttCollector collector = start(config, held::add); // nothing completed yet
        awaitState(collector, State.CONNECTED);
        publish(url, root + "/CM01/S1", "0.7");
        await().atMost(TIMEOUT).until(() -> held.size() == 1);

        Instant dropped = Instant.now();
        proxy.dropConnections();
        await("redelivered on the new connection").atMost(TIMEOUT).until(() -> held.size() == 2);
        await("connected again").atMost(TIMEOUT).until(() -> collector.health().state() == State.CONNECTED
                && collector.health().since().isAfter(dropped));
        // The copy from the first connection is stored now; its packet id belongs to the new connection's copy,
        // which is not stored yet: no acknowledgement may go out for it.
        held.get(0).delivery().complete();
        collector.stop();

        RecordingSink next = RecordingSink.completing();
        start(config, next);
        await("still unacknowledged: delivered to the next session").atMost(TIMEOUT)
                .until(() -> next.payloads().contains("0.7"));
    }

    private static void publishMany(String url, String topic, int count) throws MqttException {
        MqttClient publisher = new MqttClient(url, "minewatch-it-pub-" + UUID.randomUUID(), new MemoryPersistence());
        try {
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            options.setMaxInflight(count);
            publisher.connect(options);
            for (int i = 0; i < count; i++) {
                publisher.publish(topic, Integer.toString(i).getBytes(StandardCharsets.UTF_8), 1, false);
            }
            publisher.disconnect();
        } finally {
            publisher.close();
        }
    }

    @Test
    void stopReturnsPromptlyWhileTheSinkBlocks() throws Exception {
        String url = sharedBroker();
        String clientId = "minewatch-it-" + run;
        dropSessionAfterwards(url, clientId);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        MqttCollector collector = start(config(url, root + "/+/+", clientId, null), ingest -> {
            entered.countDown();
            never.await();
        });
        awaitState(collector, State.CONNECTED);
        publish(url, root + "/CM01/S1", "1");
        await().atMost(TIMEOUT).until(() -> entered.getCount() == 0);

        long start = System.nanoTime();
        collector.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(collector.health().state()).isEqualTo(State.STOPPED);
    }

    @Test
    void reconnectsSubscribesAgainAndReceivesAfterTheBrokerRestarts() throws Exception {
        MosquittoProcess broker = new MosquittoProcess(dir, MosquittoProcess.freePort(), List.of());
        cleanups.add(broker);
        broker.start();
        String url = "tcp://127.0.0.1:" + broker.port();
        RecordingSink sink = RecordingSink.completing();
        MqttCollector collector = start(config(url, "minewatch/+/+", "minewatch-it-" + run, null), sink);
        awaitState(collector, State.CONNECTED);
        publish(url, "minewatch/CM01/S1", "before");
        await().atMost(TIMEOUT).until(() -> sink.payloads().contains("before"));

        broker.kill();

        awaitState(collector, State.RECONNECTING);
        assertThat(collector.health().detail()).contains(url);
        assertThat(registry.get(MqttCollector.CONNECTED_METER).gauge().value()).isZero();

        // The restarted broker has no persistence: only a new subscription brings messages in.
        broker.start();
        awaitState(collector, State.CONNECTED);
        assertThat(registry.get(MqttCollector.CONNECTED_METER).gauge().value()).isEqualTo(1);
        publish(url, "minewatch/CM02/S7", "after");
        await().atMost(TIMEOUT).until(() -> sink.payloads().contains("after"));
        assertThat(sink.received.get(sink.received.size() - 1).site()).isEqualTo("CM02");
    }

    @Test
    void startsWithoutThrowingWhileTheBrokerIsDownAndConnectsOnceItIsUp() throws Exception {
        MosquittoProcess broker = new MosquittoProcess(dir, MosquittoProcess.freePort(), List.of());
        cleanups.add(broker);
        String url = "tcp://127.0.0.1:" + broker.port();
        RecordingSink sink = RecordingSink.completing();

        MqttCollector collector = start(config(url, "minewatch/+/+", "minewatch-it-" + run, null), sink);

        assertThat(collector.health().state()).isEqualTo(State.RECONNECTING);
        assertThat(collector.health().detail()).startsWith("cannot connect to " + url);
        broker.start();
        awaitState(collector, State.CONNECTED);
        publish(url, "minewatch/CM01/S1", "0.3");
        await().atMost(TIMEOUT).until(() -> sink.payloads().contains("0.3"));
    }

    @Test
    void connectsOverTlsTrustingTheConfiguredCaFile() throws Exception {
        TestCertificates certificates = TestCertificates.selfSigned(dir, "127.0.0.1");
        MosquittoProcess broker = new MosquittoProcess(dir, MosquittoProcess.freePort(), List.of(
                "certfile " + certificates.certificate(),
                "keyfile " + certificates.privateKey()));
        cleanups.add(broker);
        broker.start();
        RecordingSink sink = RecordingSink.completing();
        TlsConfig tls = new TlsConfig(certificates.certificate(), null, null);

        MqttCollector collector = start(config("ssl://127.0.0.1:" + broker.port(), "minewatch/+/+",
                "minewatch-it-" + run, tls), sink);

        awaitState(collector, State.CONNECTED);
    }

    @Test
    void keepsRetryingWhenTheBrokerCertificateIsNotTrusted() throws Exception {
        TestCertificates served = TestCertificates.selfSigned(dir.resolve("served"), "127.0.0.1");
        TestCertificates other = TestCertificates.selfSigned(dir.resolve("other"), "127.0.0.1");
        MosquittoProcess broker = new MosquittoProcess(dir, MosquittoProcess.freePort(), List.of(
                "certfile " + served.certificate(),
                "keyfile " + served.privateKey()));
        cleanups.add(broker);
        broker.start();

        MqttCollector collector = start(config("ssl://127.0.0.1:" + broker.port(), "minewatch/+/+",
                "minewatch-it-" + run, new TlsConfig(other.certificate(), null, null)), RecordingSink.completing());

        assertThat(collector.health().state()).isEqualTo(State.RECONNECTING);
        assertThat(collector.health().detail()).contains("SSLHandshakeException");
    }
}
