package io.minewatch.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.collectors.Delivery;
import io.minewatch.collectors.Ingest;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.gateway.auth.PasswordHasher;
import io.minewatch.gateway.service.GatewayService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A whole gateway without collectors, with one user per role ({@code op}, {@code eng}, {@code reg}, {@code adm},
 * password {@code pw-NAME}), readings put straight into its pipeline, and an HTTP client.
 */
final class ControlRoomRig implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> USERS = Map.of("op", "operator", "eng", "engineer", "reg", "regulator",
            "adm", "admin");

    final GatewayService gateway;
    final HttpClient http;
    private final String scheme;

    ControlRoomRig(Path dataDir) throws Exception {
        this(dataDir, "", null, 0);
    }

    ControlRoomRig(Path dataDir, String extraHttpYaml, javax.net.ssl.SSLContext tls) throws Exception {
        this(dataDir, extraHttpYaml, tls, 0);
    }

    /**
     * @param tls          the client's trust for an HTTPS gateway ({@code extraHttpYaml} sets {@code tls}), or null
     * @param wallSensors  sensors of a third site {@code WALL} ({@link #wallSensor}), to load the page
     */
    ControlRoomRig(Path dataDir, String extraHttpYaml, javax.net.ssl.SSLContext tls, int wallSensors)
            throws Exception {
        this.scheme = tls == null ? "http" : "https";
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        this.http = (tls == null ? client : client.sslContext(tls)).build();
        PasswordHasher hasher = new PasswordHasher(new SecureRandom(), 10_000);
        StringBuilder users = new StringBuilder("users:\n");
        USERS.forEach((name, role) -> users.append("  - { name: ").append(name).append(", role: ").append(role)
                .append(", password_hash: \"").append(hasher.hash(("pw-" + name).toCharArray())).append("\" }\n"));
        String yaml = """
                http: { bind: 127.0.0.1, port: 0%s }
                storage: { local: { path: "%s" } }
                sites:
                  - id: CM01
                    type: coal_mine
                    name: "Test mine"
                    sensors:
                      - { id: CM01-CH4-T1, kind: ch4, location: "working face 1201", profile: coal_ch4_working_face }
                      - { id: CM01-CO-01, kind: co, location: "return airway", profile: coal_co }
                  - id: TP01
                    type: tailings_pond
                    sensors:
                      - { id: TP01-WL-01, kind: water_level, location: "decant tower", profile: tailings_water_level }
                """.formatted(extraHttpYaml, dataDir) + wall(wallSensors) + users;
        MinewatchConfig config = ConfigLoader.load(yaml, dataDir.resolve("rig.yaml"));
        gateway = new GatewayService(config, Clock.systemUTC(), List.of());
        gateway.start();
    }

    void reading(String site, String sensor, double value, long timestampMillis) throws InterruptedException {
        reading(site, sensor, value, timestampMillis, null);
    }

    /** A reading, of an unregistered sensor when {@code kind} is given. */
    void reading(String site, String sensor, double value, long timestampMillis, String kind)
            throws InterruptedException {
        String payload = "{\"value\":" + value + ",\"ts\":" + timestampMillis
                + (kind == null ? "" : ",\"kind\":\"" + kind + "\"") + "}";
        gateway.pipeline().submit(new Ingest("test", "minewatch/" + site + "/" + sensor, site, sensor,
                payload.getBytes(StandardCharsets.UTF_8), timestampMillis, Delivery.NONE));
    }

    /** One message with a batch of readings of one unregistered sensor, 1 ms apart from {@code firstMillis}. */
    void readings(String site, String sensor, double[] values, long firstMillis, String kind)
            throws InterruptedException {
        StringBuilder payload = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            payload.append(i == 0 ? "" : ",").append("{\"value\":").append(values[i]).append(",\"ts\":")
                    .append(firstMillis + i).append(",\"kind\":\"").append(kind).append("\"}");
        }
        gateway.pipeline().submit(new Ingest("test", "minewatch/" + site + "/" + sensor, site, sensor,
                payload.append(']').toString().getBytes(StandardCharsets.UTF_8), firstMillis, Delivery.NONE));
    }

    static String wallSensor(int i) {
        return "WALL-CO-%04d".formatted(i);
    }

    private static String wall(int sensors) {
        StringBuilder yaml = new StringBuilder(sensors == 0 ? "" : "  - { id: WALL, type: coal_mine, name: \"Wall\","
                + " sensors: [\n");
        for (int i = 0; i < sensors; i++) {
            yaml.append("      { id: ").append(wallSensor(i)).append(", kind: co, location: \"roadway ")
                    .append(i / 50).append("\", profile: coal_co }").append(i + 1 < sensors ? ",\n" : " ] }\n");
        }
        return yaml.toString();
    }

    URI uri(String path) {
        return URI.create(scheme + "://127.0.0.1:" + gateway.httpPort() + path);
    }

    String login(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/api/login", null, "{\"name\":\"" + name + "\",\"password\":\"pw-"
                + name + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("token").asText();
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    @Override
    public void close() {
        gateway.close();
    }
}
