package io.minewatch.gateway.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.gateway.fault.StoredReadings.StoredTransition;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway killed (SIGKILL) after it evaluated readings, stored them and recorded the alarm they cleared, but before
 * its acknowledgements reached the broker (a proxy holds back everything the gateway sends). The broker delivers those
 * readings again, flagged DUP, to the restarted gateway. Its alarm state no longer holds the cleared alarm; evaluated
 * again, the first of them (still above the threshold) would raise a new alarm and the next clear it: a false alarm
 * episode in the store, the journal and at the regulator. They must be stored again and change nothing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LostAcknowledgementIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RULE_TRANSITIONS = Set.of("raised", "escalated", "deescalated", "cleared");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;

    @Test
    void readingsEvaluatedBeforeTheCrashButNeverAcknowledgedRaiseNoAlarmAgain() throws Exception {
        Fleet fleet = Fleet.withAlarmingSensor(1);
        String sensor = fleet.alarmingSensor();
        long t0 = Instant.now().minusSeconds(30).toEpochMilli();
        try (FaultRig rig = FaultRig.startServers(directory, fleet)) {
            AcknowledgementHoldingProxy proxy = rig.closeWithRig(
                    new AcknowledgementHoldingProxy(URI.create(rig.broker().url()).getPort()));
            // The collector goes through the proxy; alarm outputs go straight to the broker.
            GatewayProcess gateway = rig.startGateway(config -> config.withBrokerUrl(proxy.url())
                    .withExtraYaml("alarms: { mqtt: { url: \"" + rig.broker().url() + "\" } }\n"));
            MqttClient sensorSide = connect(rig.broker().url());
            rig.closeWithRig(() -> {
                sensorSide.disconnect();
                sensorSide.close();
            });

            publish(sensorSide, fleet, sensor, t0, 0.6);
            publish(sensorSide, fleet, sensor, t0 + 1000, 1.2);
            await("both acknowledged to the broker").atMost(PATIENCE)
                    .until(proxy::forwardedAcknowledgements, n -> n >= 2);
            assertThat(proxy.forwardedAcknowledgements()).isEqualTo(2);
            assertThat(rig.stored().transitions(sensor)).containsExactly(
                    new StoredTransition(t0 + 1000, "raised", "orange"));

            proxy.holdWhatClientsSend();
            publish(sensorSide, fleet, sensor, t0 + 2000, 1.3);
            publish(sensorSide, fleet, sensor, t0 + 3000, 0.5);
            await("the alarm cleared and recorded").atMost(PATIENCE)
                    .until(() -> rig.stored().transitions(sensor).size() == 2);
            await("the gateway acknowledged both, the broker got neither").atMost(PATIENCE)
                    .until(proxy::heldAcknowledgements, n -> n >= 2);
            assertThat(proxy.heldAcknowledgements()).isEqualTo(2);
            gateway.kill();

            gateway.start();
            publish(sensorSide, fleet, sensor, t0 + 4000, 0.4);
            await("redelivered and later readings stored").atMost(PATIENCE)
                    .until(() -> rig.stored().readings(fleet.site()).getOrDefault(sensor, java.util.Map.of()).size()
                            == 5);
            List<StoredTransition> once = List.of(new StoredTransition(t0 + 1000, "raised", "orange"),
                    new StoredTransition(t0 + 3000, "cleared", "orange"));
            await("the redelivered readings stored but not evaluated again").atMost(PATIENCE).untilAsserted(() -> {
                assertThat(rig.stored().transitions(sensor)).as("alarm_events of %s", sensor)
                        .containsExactlyElementsOf(once);
                assertThat(journalTransitions(rig.gatewayDataDirectory().resolve("journal"), sensor))
                        .as("the journal, which the regulators receive").containsExactlyElementsOf(once);
                assertThat(PrometheusText.value(gateway.metrics(),
                        "minewatch_pipeline_redelivered_already_evaluated_total")).isEqualTo(2.0);
            });
        }
    }

    private static MqttClient connect(String url) throws MqttException {
        MqttClient client = new MqttClient(url, "minewatch-fault-sensor", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        client.connect(options);
        return client;
    }

    private static void publish(MqttClient client, Fleet fleet, String sensor, long timestampMillis, double value)
            throws MqttException {
        String payload = "{\"value\":" + value + ",\"ts\":" + timestampMillis + "}";
        client.publish("minewatch/" + fleet.site() + "/" + sensor, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    private static List<StoredTransition> journalTransitions(Path journal, String sensor) throws Exception {
        List<StoredTransition> transitions = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(journal)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
        for (Path file : files) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                JsonNode event = JSON.readTree(line).path("event");
                if (sensor.equals(event.path("sensor").asText())
                        && RULE_TRANSITIONS.contains(event.path("transition").asText())) {
                    transitions.add(new StoredTransition(Instant.parse(event.path("reading_time").asText())
                            .toEpochMilli(), event.path("transition").asText(), event.path("level").asText()));
                }
            }
        }
        return transitions;
    }
}
