package io.minewatch.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /ws/live}: login required, snapshot first, then changes of the subscribed sites only, by role. */
class LiveStreamTest {

    @TempDir
    Path dataDir;
    private ControlRoomRig rig;
    private URI ws;

    @BeforeEach
    void start() throws Exception {
        rig = new ControlRoomRig(dataDir);
        ws = URI.create("ws://127.0.0.1:" + rig.gateway.httpPort() + "/ws/live");
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void refusesAHandshakeWithoutSession() {
        assertThatThrownBy(() -> new LiveClientProbe(rig.http, ws, null))
                .hasCauseInstanceOf(WebSocketHandshakeException.class).rootCause().hasMessageContaining("401");
    }

    @Test
    void refusesAHandshakeFromAPageOfAnotherSite() throws Exception {
        java.net.http.HttpResponse<String> response = rig.http.send(java.net.http.HttpRequest.newBuilder(
                rig.uri("/ws/live")).header("Authorization", "Bearer " + rig.login("op"))
                .header("Origin", "http://evil.example").build(), java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("Origin : http://evil.example");
    }

    @Test
    void sendsASnapshotThenChangesOfTheSubscribedSiteWithAlarmEvents() throws Exception {
        long now = System.currentTimeMillis();
        rig.reading("CM01", "CM01-CH4-T1", 0.3, now - 5000);
        await().until(() -> rig.gateway.live().readingsSeen() == 1);
        try (LiveClientProbe client = new LiveClientProbe(rig.http, ws, rig.login("op"))) {
            client.send("{\"type\":\"subscribe\",\"sites\":[\"CM01\"]}");
            await().atMost(Duration.ofSeconds(5)).until(() -> !client.frames.isEmpty());
            JsonNode snapshot = client.frames.get(0);
            assertThat(snapshot.get("type").asText()).isEqualTo("snapshot");
            assertThat(snapshot.get("user").asText()).isEqualTo("op");
            assertThat(snapshot.get("sensors")).extracting(s -> s.get("sensor").asText())
                    .containsExactly("CM01-CH4-T1", "CM01-CO-01");
            assertThat(snapshot.get("sensors").get(0).get("value").asDouble()).isEqualTo(0.3);

            rig.reading("TP01", "TP01-WL-01", 3.0, now - 4000);
            rig.reading("CM01", "CM01-CH4-T1", 0.5, now - 3000);
            rig.reading("CM01", "CM01-CH4-T1", 1.4, now - 2000);

            await().atMost(Duration.ofSeconds(5)).until(() -> client.ofType("changes").stream()
                    .anyMatch(f -> f.get("alarms").size() > 0));
            List<JsonNode> readings = client.ofType("changes").stream()
                    .flatMap(f -> iterable(f.get("readings")).stream()).toList();
            assertThat(readings).extracting(r -> r.get("sensor").asText()).containsOnly("CM01-CH4-T1");
            assertThat(readings.get(readings.size() - 1).get("value").asDouble()).isEqualTo(1.4);
            assertThat(readings.get(readings.size() - 1).get("level").asText()).isEqualTo("orange");
            JsonNode alarm = client.ofType("changes").stream().flatMap(f -> iterable(f.get("alarms")).stream())
                    .findFirst().orElseThrow();
            assertThat(alarm.get("transition").asText()).isEqualTo("raised");
            assertThat(alarm.get("level").asText()).isEqualTo("orange");
        }
    }

    @Test
    void aRegulatorGetsAlarmsButNoSensorValues() throws Exception {
        long now = System.currentTimeMillis();
        try (LiveClientProbe client = new LiveClientProbe(rig.http, ws, rig.login("reg"))) {
            client.send("{\"type\":\"subscribe\",\"sites\":[\"*\"]}");
            await().atMost(Duration.ofSeconds(5)).until(() -> !client.ofType("snapshot").isEmpty());
            rig.reading("CM01", "CM01-CH4-T1", 1.6, now - 1000);

            await().atMost(Duration.ofSeconds(5)).until(() -> client.ofType("changes").stream()
                    .anyMatch(f -> f.get("alarms").size() > 0));
            assertThat(client.ofType("snapshot").get(0).get("sensors")).isEmpty();
            assertThat(client.ofType("changes")).allSatisfy(f -> assertThat(f.get("readings")).isEmpty());
        }
    }

    @Test
    void answersABadSubscriptionWithAnErrorFrameAndStaysOpen() throws Exception {
        try (LiveClientProbe client = new LiveClientProbe(rig.http, ws, rig.login("op"))) {
            client.send("{\"type\":\"subscribe\"}");
            client.send("not json");
            client.send("{\"type\":\"subscribe\",\"sensors\":[\"TP01-WL-01\"]}");

            await().atMost(Duration.ofSeconds(5)).until(() -> !client.ofType("snapshot").isEmpty());
            assertThat(client.ofType("error")).extracting(e -> e.get("error").asText()).containsExactly(
                    "sites/sensors : both empty (expected: at least one site, one sensor, or sites [\"*\"] for"
                            + " everything)",
                    "message : not JSON (expected: {\"type\":\"subscribe\",\"sites\":[...]})");
            assertThat(client.ofType("snapshot").get(0).get("sensors")).extracting(s -> s.get("sensor").asText())
                    .containsExactly("TP01-WL-01");
        }
    }

    @Test
    void closesTheStreamWhenTheSessionEnds() throws Exception {
        String token = rig.login("op");
        try (LiveClientProbe client = new LiveClientProbe(rig.http, ws, token)) {
            client.send("{\"type\":\"subscribe\",\"sites\":[\"*\"]}");
            await().atMost(Duration.ofSeconds(5)).until(() -> rig.gateway.controlRoom().hub().clients() == 1);

            rig.post("/api/logout", token, "");

            assertThat(client.closed).succeedsWithin(Duration.ofSeconds(5)).asString().startsWith("1008");
            await().atMost(Duration.ofSeconds(5)).until(() -> rig.gateway.controlRoom().hub().clients() == 0);
        }
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> items = new java.util.ArrayList<>();
        array.forEach(items::add);
        return items;
    }
}
