package io.minewatch.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a user starts it: embedded broker and OPC UA substation, simulated sites, gateway and embedded store,
 * no outside server.
 */
class DemoIT {

    @TempDir
    Path dataDir;

    @Test
    void showsReadingsOfEverySensorAndAnAlarmTransitionWithinSixtySeconds() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        try (DemoCommand.Demo demo = new DemoCommand(out, System.err).start(0, 0, dataDir)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> demo.gateway().alarms().recent().stream()
                    .map(AlarmEvent::transition).anyMatch(AlarmTransition.RAISED::equals));

            AlarmEvent raised = demo.gateway().alarms().recent().get(0);
            assertThat(raised.sensor()).isEqualTo("CM01-CH4-T1");
            // The console is told after the board, on the same lane: wait for it rather than race it.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(console.toString(
                    StandardCharsets.UTF_8)).contains("ALARM raised").contains("CM01-CH4-T1"));

            String operator = demo.logins().get("operator");
            assertThat(console.toString(StandardCharsets.UTF_8)).contains("operator   " + operator);
            HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + demo.gateway().httpPort() + "/api/login"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"operator\",\"password\":\"" + operator
                            + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            String token = new ObjectMapper().readTree(login.body()).get("token").asText();
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + demo.gateway().httpPort() + "/api/sensors"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode sensors = new ObjectMapper().readTree(response.body());
            assertThat(sensors).hasSize(9);
            assertThat(sensors).allSatisfy(sensor -> assertThat(sensor.get("value").isNumber()).isTrue());

            // The mine arrives over MQTT and the pond over OPC UA, side by side.
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + demo.gateway().httpPort() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode collectors = new ObjectMapper().readTree(health.body()).get("collectors");
            assertThat(collectors).extracting(c -> c.get("name").asText() + " " + c.get("state").asText())
                    .containsExactlyInAnyOrder("demo-broker connected", "demo-substation connected");
            assertThat(collectors).filteredOn(c -> c.get("name").asText().equals("demo-substation")).singleElement()
                    .satisfies(c -> assertThat(c.get("detail").asText()).startsWith("monitoring 4 variables"));
        }
    }
}
