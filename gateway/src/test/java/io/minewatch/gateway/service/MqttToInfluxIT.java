package io.minewatch.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path against real servers: a real MQTT client publishes to the real Mosquitto, the gateway evaluates,
 * stores in the real InfluxDB and publishes alarm events back to Mosquitto.
 */
class MqttToInfluxIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String site = "IT" + suffix;
    private final String sensor = site + "-CH4-T1";
    private final String database = "minewatch_it_" + suffix;
    /** The hash of {@value #IT_PASSWORD}. */
    private static final String IT_USER_HASH =
            "pbkdf2-sha256:210000:AAECAwQFBgcICQoLDA0ODw==:09f70zGWZ+yYH2ldZVf7vdYIehgv6nwLF+YFVFG6DRM=";
    private static final String IT_PASSWORD = "secret-1";
    private GatewayService gateway;
    private MqttClient client;
    private InfluxDB influx;

    @BeforeEach
    void startGateway() throws Exception {
        String yaml = """
                http: { bind: 127.0.0.1, port: 0 }
                users:
                  - { name: it, role: operator, password_hash: "%s" }
                collectors:
                  mqtt:
                    - { name: it-broker, url: %s, topics: ["minewatch/%s/+"], qos: 1, client_id: gw-%s }
                storage:
                  influxdb: { url: %s, database: %s, flush_interval: 50ms }
                  local: { path: %s }
                sites:
                  - id: %s
                    type: coal_mine
                    sensors:
                      - { id: %s, kind: ch4, location: "working face", profile: coal_ch4_working_face }
                """.formatted(IT_USER_HASH, ItServers.mqtt(), site, suffix, ItServers.influxdb(), database, dataDir, site, sensor);
        MinewatchConfig config = ConfigLoader.load(yaml, dataDir.resolve("it.yaml"));
        gateway = new GatewayService(config, Clock.systemUTC(), List.of());
        gateway.start();
        client = new MqttClient(ItServers.mqtt(), "it-pub-" + suffix, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        client.connect(options);
        influx = InfluxDBFactory.connect(ItServers.influxdb());
        await().atMost(Duration.ofSeconds(15)).until(() -> httpJson("/health").path("collectors").get(0)
                .path("state").asText().equals("connected"));
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null && client.isConnected()) {
            client.disconnect();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (influx != null) {
            influx.query(new Query("DROP DATABASE \"" + database + "\""));
            influx.close();
        }
    }

    @Test
    void storesReadingsAndPublishesAlarmRaisedAt1point2AndClearedAt0point8() throws Exception {
        List<JsonNode> alarms = new CopyOnWriteArrayList<>();
        client.subscribe("minewatch/alarms/" + site + "/#", 1,
                (topic, message) -> alarms.add(JSON.readTree(message.getPayload())));
        long t0 = System.currentTimeMillis() - 10_000;

        publish("{\"value\":0.4,\"ts\":" + t0 + "}");
        publish("{\"value\":1.2,\"ts\":" + (t0 + 1000) + "}");
        publish("{\"value\":0.8,\"ts\":" + (t0 + 2000) + "}");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(column("SELECT value FROM ch4 WHERE sensor = '" + sensor + "'", "value"))
                        .containsExactly(0.4, 1.2, 0.8));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(column("SELECT alarm_id, transition FROM alarm_events WHERE sensor = '" + sensor + "'",
                        "transition")).containsExactly("raised", "cleared"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(alarms).extracting(a -> a.get("transition").asText()).containsExactly("raised", "cleared"));

        JsonNode raised = alarms.get(0);
        assertThat(raised.get("level").asText()).isEqualTo("orange");
        assertThat(raised.get("value").asDouble()).isEqualTo(1.2);
        assertThat(raised.get("threshold").asDouble()).isEqualTo(1.0);
        assertThat(alarms.get(1).get("alarm_id").asText()).isEqualTo(raised.get("alarm_id").asText());

        QueryResult tags = influx.query(new Query("SHOW TAG VALUES FROM ch4 WITH KEY = \"site\"", database));
        assertThat(tags.getResults().get(0).getSeries().get(0).getValues())
                .anySatisfy(row -> assertThat(row.get(1)).isEqualTo(site));
        JsonNode sensors = httpJson("/api/sensors?site=" + site);
        assertThat(sensors.get(0).get("value").asDouble()).isEqualTo(0.8);
    }

    @Test
    void publishingTheSameReadingTwiceLeavesOnePoint() throws Exception {
        long ts = System.currentTimeMillis() - 5_000;
        publish("{\"value\":0.31,\"ts\":" + ts + "}");
        publish("{\"value\":0.31,\"ts\":" + ts + "}");
        publish("{\"value\":0.32,\"ts\":" + (ts + 1) + "}");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(column("SELECT value FROM ch4 WHERE sensor = '" + sensor + "'", "value"))
                        .containsExactly(0.31, 0.32));
    }

    @Test
    void badPayloadIsRejectedWhileTheNextReadingIsStored() throws Exception {
        publish("{\"value\": \"high\"}");
        publish("{\"value\":0.5,\"ts\":" + (System.currentTimeMillis() - 1000) + "}");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(column("SELECT value FROM ch4 WHERE sensor = '" + sensor + "'", "value"))
                        .containsExactly(0.5));
        assertThat(gateway.metrics().get("minewatch.readings.rejected").tag("reason", "non_numeric_value")
                .counter().count()).isEqualTo(1.0);
        // The dead-letter log is flushed at least once a second.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(dataDir.resolve("dead-letter.jsonl"))
                .content(StandardCharsets.UTF_8).contains("non_numeric_value").contains("high"));
    }

    private void publish(String payload) throws Exception {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        client.publish("minewatch/" + site + "/" + sensor, message);
    }

    private List<Object> column(String query, String column) {
        QueryResult result = influx.query(new Query(query, database));
        if (result.getResults() == null || result.getResults().get(0).getSeries() == null) {
            return List.of();
        }
        QueryResult.Series series = result.getResults().get(0).getSeries().get(0);
        int index = series.getColumns().indexOf(column);
        return series.getValues().stream().map(row -> row.get(index)).toList();
    }

    private JsonNode httpJson(String path) throws Exception {
        HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.httpPort() + "/api/login")).POST(HttpRequest.BodyPublishers
                .ofString("{\"name\":\"it\",\"password\":\"" + IT_PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String token = JSON.readTree(login.body()).get("token").asText();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
