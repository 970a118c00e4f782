package io.minewatch.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.minewatch.config.MqttCollectorConfig.TlsConfig;
import io.minewatch.config.UplinkConfig.EndpointType;
import io.minewatch.config.UplinkConfig.RegulatorConfig;
import io.minewatch.gateway.journal.JournalEntry;
import io.minewatch.gateway.journal.JournalFixtures;
import io.minewatch.gateway.journal.JournalFormat;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MqttEndpoint} against the real Mosquitto of {@code MINEWATCH_IT_MQTT}. */
class MqttEndpointIT {

    private static String broker() {
        String url = System.getenv("MINEWATCH_IT_MQTT");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("MINEWATCH_IT_MQTT is not set: the integration tests need a Mosquitto "
                    + "(scripts/test starts one and sets it)");
        }
        return url;
    }

    @TempDir
    Path dir;

    private static RegulatorConfig config(String url, String topic) {
        return config(url, topic, null);
    }

    private static RegulatorConfig config(String url, String topic, TlsConfig tls) {
        return new RegulatorConfig("county-it", EndpointType.MQTT, URI.create(url), topic, 1,
                "minewatch-uplink-it-" + ProcessHandle.current().pid(), null, null, tls, null,
                Duration.ofSeconds(5), null, null);
    }

    private static JournalEntry entry(long seq, int event) throws Exception {
        return JournalFixtures.FORMAT.parse(JournalFormat.line(seq, "cd".repeat(32),
                JournalFixtures.JSON.toBytes(JournalFixtures.event(event))));
    }

    @Test
    void publishesTheJournalLineToTheTopicOfItsSiteAndSensor() throws Exception {
        String prefix = "regulator-it-" + System.nanoTime();
        Map<String, String> received = new ConcurrentHashMap<>();
        MqttClient subscriber = new MqttClient(broker(), prefix + "-sub", new MemoryPersistence());
        subscriber.connect();
        try (MqttEndpoint endpoint = new MqttEndpoint(config(broker(), prefix + "/{site}/{sensor}"))) {
            subscriber.subscribe(prefix + "/#", 1, (topic, message) -> received.put(topic,
                    new String(message.getPayload(), StandardCharsets.UTF_8)));
            JournalEntry first = entry(1, 4);
            JournalEntry second = entry(2, 5);

            endpoint.deliver(first);
            endpoint.deliver(second);

            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
            assertThat(received).containsEntry(prefix + "/CM01/CM01-CH4-T1", first.text())
                    .containsEntry(prefix + "/CM01/CM01-CH4-T2", second.text());
        } finally {
            subscriber.disconnect();
            subscriber.close();
        }
    }

    @Test
    void deliversOverTlsTrustingTheConfiguredCaFileAndNotAnother() throws Exception {
        try (TlsBroker broker = new TlsBroker(dir.resolve("served"));
                TlsBroker other = new TlsBroker(dir.resolve("other"))) {
            broker.start();
            try (MqttEndpoint trusting = new MqttEndpoint(config(broker.url(), "regulator/{site}/{sensor}",
                    new TlsConfig(broker.certificate(), null, null)));
                    MqttEndpoint distrusting = new MqttEndpoint(config(broker.url(), "regulator/{site}/{sensor}",
                            new TlsConfig(other.certificate(), null, null)))) {
                trusting.deliver(entry(1, 0));

                assertThatThrownBy(() -> distrusting.deliver(entry(1, 0)))
                        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.poisoned()).isFalse());
            }
        }
    }

    @Test
    void reportsAnAbsentBrokerAsAFailureToRetry() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (MqttEndpoint endpoint = new MqttEndpoint(config("tcp://127.0.0.1:" + port, "fixed/topic"))) {
            assertThatThrownBy(() -> endpoint.deliver(entry(1, 0))).isInstanceOfSatisfying(DeliveryException.class,
                    e -> assertThat(e.poisoned()).isFalse()).hasMessageContaining("tcp://127.0.0.1:" + port);
        }
    }
}
