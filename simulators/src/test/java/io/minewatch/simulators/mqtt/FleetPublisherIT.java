package io.minewatch.simulators.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.simulators.demo.DemoSites;
import io.minewatch.simulators.fleet.Fleet;
import io.minewatch.simulators.fleet.SimulatedSensor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo fleet publishing to a real Mosquitto: {@code MINEWATCH_IT_MQTT}, or one started here for outages. */
class FleetPublisherIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock = Clock.systemUTC();
    private final Fleet fleet = DemoSites.fleet(DemoSites.DEFAULT_SEED, clock.instant());
    private final Map<String, SimulatedSensor> sensorsByTopicSuffix = fleet.sensors().stream()
            .collect(Collectors.toMap(s -> s.site() + "/" + s.id(), Function.identity()));
    // A topic root of its own, so that other tests' subscriptions to minewatch/+/+ on the shared broker never see
    // this fleet.
    private final String topicRoot = "it-fleet-" + Long.toHexString(System.nanoTime());
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<AutoCloseable> cleanUp = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = cleanUp.size() - 1; i >= 0; i--) {
            cleanUp.get(i).close();
        }
        scheduler.shutdownNow();
    }

    @Test
    void publishesEverySensorAsJsonOnItsTopicAtQosOne() throws Exception {
        String brokerUrl = itBroker();
        Subscriber subscriber = subscribe(brokerUrl);
        FleetPublisher publisher = publisher(brokerUrl);
        long before = clock.millis();

        publisher.start();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(subscriber.topics())
                .containsAll(fleet.sensors().stream().map(s -> topicRoot + "/" + s.site() + "/" + s.id()).toList()));
        long after = clock.millis();
        for (Subscriber.Message message : new ArrayList<>(subscriber.messages)) {
            SimulatedSensor sensor = sensorsByTopicSuffix.get(message.topic().substring(topicRoot.length() + 1));
            assertThat(sensor).as(message.topic()).isNotNull();
            assertThat(message.qos()).as(message.topic()).isEqualTo(1);
            JsonNode payload = JSON.readTree(message.payload());
            List<String> fields = new ArrayList<>();
            payload.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).as(message.topic()).containsExactly("value", "ts", "kind", "unit");
            long ts = payload.get("ts").asLong();
            assertThat(ts).as(message.topic()).isBetween(before, after);
            assertThat(payload.get("kind").asText()).as(message.topic()).isEqualTo(sensor.kind().id());
            assertThat(payload.get("unit").asText()).as(message.topic()).isEqualTo(sensor.unit().symbol());
            assertThat(payload.get("value").isNumber()).as(message.topic()).isTrue();
            assertThat(payload.get("value").asDouble()).as(message.topic()).isEqualTo(sensor.valueAt(ts));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> publisher.published() >= fleet.size());
        assertThat(publisher.failed()).isZero();
        assertThat(subscriber.messageOn(topicRoot + "/TP01/TP01-GNSS-02")).contains("\"unit\":\"m\"");
    }

    @Test
    void stopsPublishingWhenStopped() throws Exception {
        String brokerUrl = itBroker();
        Subscriber subscriber = subscribe(brokerUrl);
        FleetPublisher publisher = publisher(brokerUrl);
        publisher.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> subscriber.messages.size() >= 2 * fleet.size());

        publisher.stop();
        int received = subscriber.messages.size();

        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3))
                .until(() -> subscriber.messages.size() == received);
        assertThat(publisher.connected()).isFalse();
    }

    @Test
    void connectsOnceTheBrokerComesUpAndReconnectsAfterItRestarts(@TempDir Path dir) throws Exception {
        int port = freePort();
        String brokerUrl = "tcp://127.0.0.1:" + port;
        FleetPublisher publisher = publisher(brokerUrl);
        publisher.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> publisher.skipped() > 0);

        OwnBroker broker = startBroker(dir, port);
        Subscriber first = subscribe(brokerUrl);
        await().atMost(Duration.ofSeconds(20)).until(() -> first.messages.size() >= fleet.size());

        broker.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> !publisher.connected());
        long skippedWhileDown = publisher.skipped();
        await().atMost(Duration.ofSeconds(5)).until(() -> publisher.skipped() > skippedWhileDown);

        startBroker(dir, port);
        Subscriber second = subscribe(brokerUrl);
        await().atMost(Duration.ofSeconds(30)).until(() -> second.messages.size() >= fleet.size());
        assertThat(publisher.connected()).isTrue();
    }

    private FleetPublisher publisher(String brokerUrl) {
        PublisherSettings settings = PublisherSettings.of(brokerUrl)
                .withTopicRoot(topicRoot)
                .withPeriod(Duration.ofMillis(200));
        FleetPublisher publisher = new FleetPublisher(settings, fleet, scheduler, clock);
        cleanUp.add(publisher);
        return publisher;
    }

    private Subscriber subscribe(String brokerUrl) throws MqttException {
        Subscriber subscriber = new Subscriber(brokerUrl, topicRoot + "/+/+");
        cleanUp.add(subscriber);
        return subscriber;
    }

    private OwnBroker startBroker(Path dir, int port) throws IOException {
        OwnBroker broker = new OwnBroker(dir, port);
        cleanUp.add(broker);
        return broker;
    }

    private static String itBroker() {
        String url = System.getenv("MINEWATCH_IT_MQTT");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("MINEWATCH_IT_MQTT : unset (expected: the tcp://host:port of a running "
                    + "Mosquitto; scripts/test sets it)");
        }
        return url;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A Paho subscriber that keeps every message it receives. */
    private static final class Subscriber implements AutoCloseable {

        record Message(String topic, int qos, String payload) {
        }

        final Queue<Message> messages = new ConcurrentLinkedQueue<>();
        private final MqttClient client;

        Subscriber(String brokerUrl, String filter) throws MqttException {
            client = new MqttClient(brokerUrl, "it-sub-" + Long.toHexString(System.nanoTime()), new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            client.connect(options);
            client.subscribe(filter, 1, (topic, message) -> messages.add(
                    new Message(topic, message.getQos(), new String(message.getPayload(), "UTF-8"))));
        }

        List<String> topics() {
            return messages.stream().map(Message::topic).distinct().toList();
        }

        String messageOn(String topic) {
            return messages.stream().filter(m -> m.topic().equals(topic)).map(Message::payload).findFirst()
                    .orElseThrow();
        }

        @Override
        public void close() throws MqttException {
            if (client.isConnected()) {
                client.disconnectForcibly(500, 500);
            }
            client.close(true);
        }
    }

    /** A Mosquitto of this test's own on loopback, to stop and start again. */
    private static final class OwnBroker implements AutoCloseable {

        private final Process process;

        OwnBroker(Path dir, int port) throws IOException {
            Path config = dir.resolve("mosquitto-" + port + ".conf");
            Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
            String mosquitto = Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
            process = new ProcessBuilder(mosquitto, "-c", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile()))
                    .start();
            await().atMost(Duration.ofSeconds(10)).until(() -> listening(port));
        }

        private boolean listening(int port) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited with " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        }
    }
}
