package io.minewatch.gateway.web;

import static io.minewatch.gateway.web.ControlRoomRig.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every endpoint over real HTTP against a whole gateway: answers, filters, paging, errors and each role's rights. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTest {

    private ControlRoomRig rig;
    private final Map<String, String> tokens = new java.util.HashMap<>();
    private long now;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        rig = new ControlRoomRig(dataDir);
        for (String user : ControlRoomRig.USERS.keySet()) {
            tokens.put(user, rig.login(user));
        }
        now = System.currentTimeMillis();
        rig.reading("CM01", "CM01-CH4-T1", 0.4, now - 3000);
        rig.reading("CM01", "CM01-CO-01", 5, now - 3000);
        rig.reading("TP01", "TP01-WL-01", 4.2, now - 3000);
        rig.reading("CM01", "CM01-CH4-T1", 1.3, now - 2000);
        await().atMost(Duration.ofSeconds(10)).until(() -> rig.gateway.alarms().activeCount() == 1
                && rig.gateway.live().readingsSeen() == 4);
    }

    @AfterAll
    void stop() {
        rig.close();
    }

    private HttpResponse<String> get(String user, String path) throws Exception {
        return rig.get(path, user == null ? null : tokens.get(user));
    }

    @ParameterizedTest(name = "{0} {1} as {2} -> {3}")
    @CsvSource({
            "GET, /api/sites, op, 200", "GET, /api/sites, eng, 200", "GET, /api/sites, reg, 200",
            "GET, /api/sites, adm, 200", "GET, /api/sites, , 401",
            "GET, /api/sensors, op, 200", "GET, /api/sensors, eng, 200", "GET, /api/sensors, reg, 403",
            "GET, /api/sensors, adm, 200", "GET, /api/sensors, , 401",
            "GET, /api/sensors/CM01-CO-01, op, 200", "GET, /api/sensors/CM01-CO-01, reg, 403",
            "GET, /api/alarms, op, 200", "GET, /api/alarms, reg, 200", "GET, /api/alarms, , 401",
            "GET, /api/alarms?state=all, reg, 200",
            "POST, /api/alarms/no-such-alarm/ack, op, 404", "POST, /api/alarms/no-such-alarm/ack, eng, 404",
            "POST, /api/alarms/no-such-alarm/ack, adm, 404", "POST, /api/alarms/no-such-alarm/ack, reg, 403",
            "POST, /api/alarms/no-such-alarm/ack, , 401",
            "GET, /api/history?sensor=CM01-CH4-T1, eng, 200", "GET, /api/history?sensor=CM01-CH4-T1, adm, 200",
            "GET, /api/history?sensor=CM01-CH4-T1, op, 403", "GET, /api/history?sensor=CM01-CH4-T1, reg, 403",
            "GET, /api/history?sensor=CM01-CH4-T1, , 401",
            "GET, /api/session, reg, 200", "GET, /api/session, , 401",
            "GET, /api/openapi.json, , 200", "GET, /health, , 200", "GET, /metrics, , 200",
    })
    void authorizesEveryRouteByRole(String method, String path, String user, int status) throws Exception {
        String token = user == null ? null : tokens.get(user);
        HttpResponse<String> response = method.equals("GET") ? rig.get(path, token) : rig.post(path, token, "{}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        if (status == 401) {
            assertThat(json(response).get("error").asText()).contains("POST /api/login");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"minewatch\"");
        }
        if (status == 403) {
            assertThat(json(response).get("error").asText()).startsWith("role : ");
        }
    }

    @Test
    void loginWithAWrongPasswordOrUnknownNameIsRefusedAlike() throws Exception {
        HttpResponse<String> wrong = rig.post("/api/login", null, "{\"name\":\"op\",\"password\":\"nope\"}");
        HttpResponse<String> unknown = rig.post("/api/login", null, "{\"name\":\"nobody\",\"password\":\"pw\"}");

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(json(wrong).get("error")).isEqualTo(json(unknown).get("error"));
    }

    @Test
    void loginSetsAnHttpOnlyCookieThatAuthorizesLikeTheBearerToken() throws Exception {
        HttpResponse<String> login = rig.post("/api/login", null, "{\"name\":\"eng\",\"password\":\"pw-eng\"}");
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).containsIgnoringCase("HttpOnly").contains("SameSite=Strict").startsWith("minewatch_session=");
        assertThat(json(login).get("role").asText()).isEqualTo("engineer");

        HttpResponse<String> session = rig.http.send(java.net.http.HttpRequest.newBuilder(rig.uri("/api/session"))
                .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(json(session).get("user").asText()).isEqualTo("eng");
        assertThat(json(session).get("permissions")).extracting(JsonNode::asText).contains("history")
                .doesNotContain("configure");
    }

    @Test
    void loginWithoutAPasswordIs400() throws Exception {
        HttpResponse<String> response = rig.post("/api/login", null, "{\"name\":\"op\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).isEqualTo("password : missing (expected: a non-empty string)");
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        String token = rig.login("op");
        assertThat(rig.get("/api/session", token).statusCode()).isEqualTo(200);

        assertThat(rig.post("/api/logout", token, "").statusCode()).isEqualTo(200);

        assertThat(rig.get("/api/session", token).statusCode()).isEqualTo(401);
    }

    @Test
    void sensorsShowLatestValueLevelAndIsoTimes() throws Exception {
        HttpResponse<String> response = get("op", "/api/sensors");

        assertThat(response.headers().firstValue("X-Total-Count")).hasValue("3");
        JsonNode ch4 = json(response).get(0);
        assertThat(ch4.get("sensor").asText()).isEqualTo("CM01-CH4-T1");
        assertThat(ch4.get("value").asDouble()).isEqualTo(1.3);
        assertThat(ch4.get("unit").asText()).isEqualTo("%");
        assertThat(ch4.get("level").asText()).isEqualTo("orange");
        assertThat(ch4.get("time").asText()).isEqualTo(java.time.Instant.ofEpochMilli(now - 2000).toString());
        assertThat(ch4.get("stale").asBoolean()).isFalse();
        assertThat(ch4.get("maintenance").asBoolean()).isFalse();
    }

    @Test
    void sensorsFilterBySiteKindAndLevelAndPage() throws Exception {
        assertThat(json(get("op", "/api/sensors?site=TP01"))).extracting(n -> n.get("sensor").asText())
                .containsExactly("TP01-WL-01");
        assertThat(json(get("op", "/api/sensors?kind=co,water_level"))).extracting(n -> n.get("sensor").asText())
                .containsExactly("CM01-CO-01", "TP01-WL-01");
        assertThat(json(get("op", "/api/sensors?level=orange,red"))).extracting(n -> n.get("sensor").asText())
                .containsExactly("CM01-CH4-T1");
        assertThat(json(get("op", "/api/sensors?level=none"))).hasSize(2);
        HttpResponse<String> page = get("op", "/api/sensors?limit=1&offset=1");
        assertThat(json(page)).extracting(n -> n.get("sensor").asText()).containsExactly("CM01-CO-01");
        assertThat(page.headers().firstValue("X-Total-Count")).hasValue("3");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/api/sensors?limit=0 | limit : 0 (expected: an integer from 1 to 100000)",
            "/api/sensors?offset=-1 | offset : -1 (expected: an integer from 0 to 2147483647)",
            "/api/sensors?kind=gold | kind : gold (expected: one or more of ",
            "/api/sensors?level=purple | level : purple (expected: one or more of blue, none, orange, red, yellow",
            "/api/sensors?sitee=CM01 | sitee : unknown parameter (expected: one of site, kind, level, sensor",
            "/api/alarms?state=old | state : old (expected: active or all)",
            "/api/alarms?limit=x | limit : x (expected: an integer from 1 to 10000)",
            "/api/history?sensor=CM01-CH4-T1&from=yesterday | from : yesterday (expected: ISO-8601",
            "/api/history?sensor=CM01-CH4-T1&step=-5m | step : -5m (expected: a positive duration",
            "/api/history?from=2025-01-01T00:00:00Z | sensors : missing (expected: one or more sensor ids)",
            "/api/history?sensor=CM01-CH4-T1&from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z | to : 2025-01-01T00:00:00Z (expected: after from 2025-01-02T00:00:00Z)",
    })
    void badParametersAre400WithAMessage(String path, String message) throws Exception {
        HttpResponse<String> response = get("adm", path);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).startsWith(message.strip());
    }

    @Test
    void sensorDetailCarriesItsThresholds() throws Exception {
        JsonNode sensor = json(get("op", "/api/sensors/CM01-CH4-T1"));

        assertThat(sensor.get("profile").asText()).isEqualTo("coal_ch4_working_face");
        assertThat(sensor.get("rules").get(0).get("levels")).extracting(l -> l.get("level").asText() + "@"
                + l.get("enter").asDouble()).contains("orange@1.0");
        assertThat(get("op", "/api/sensors/NOPE").statusCode()).isEqualTo(404);
    }

    @Test
    void alarmsFilterByLevelSiteAndState() throws Exception {
        JsonNode active = json(get("reg", "/api/alarms"));
        assertThat(active).singleElement().satisfies(a -> {
            assertThat(a.get("sensor").asText()).isEqualTo("CM01-CH4-T1");
            assertThat(a.get("level").asText()).isEqualTo("orange");
            assertThat(a.get("reading_time").asText()).endsWith("Z");
        });
        assertThat(json(get("reg", "/api/alarms?level=red"))).isEmpty();
        assertThat(json(get("reg", "/api/alarms?site=TP01"))).isEmpty();
        assertThat(json(get("reg", "/api/alarms?state=all&sensor=CM01-CH4-T1"))).isNotEmpty();
    }

    @Test
    void acknowledgesAsTheSessionUserOnceThen409() throws Exception {
        rig.reading("CM01", "CM01-CO-01", 30, now - 1000);
        await().atMost(Duration.ofSeconds(10)).until(() -> rig.gateway.alarms().active().stream()
                .anyMatch(e -> e.sensor().equals("CM01-CO-01")));
        String alarmId = rig.gateway.alarms().active().stream().filter(e -> e.sensor().equals("CM01-CO-01"))
                .findFirst().orElseThrow().alarmId();

        HttpResponse<String> spoofed = rig.post("/api/alarms/" + alarmId + "/ack", tokens.get("op"),
                "{\"note\":\"x\",\"user\":\"someone.else\"}");
        assertThat(spoofed.statusCode()).isEqualTo(400);
        assertThat(json(spoofed).get("error").asText()).startsWith("user : unknown field");

        HttpResponse<String> ack = rig.post("/api/alarms/" + alarmId + "/ack", tokens.get("op"),
                "{\"note\":\"ventilation checked\"}");
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(json(ack).get("transition").asText()).isEqualTo("acknowledged");
        assertThat(json(ack).get("details").get("acknowledged_by").asText()).isEqualTo("op");
        assertThat(json(ack).get("details").get("note").asText()).isEqualTo("ventilation checked");

        HttpResponse<String> again = rig.post("/api/alarms/" + alarmId + "/ack", tokens.get("eng"), "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("error").asText()).contains("already acknowledged by op");
    }

    @Test
    void acknowledgementRefusesABodyThatIsNotAnObjectOrANoteThatIsNotText() throws Exception {
        assertThat(json(rig.post("/api/alarms/a1/ack", tokens.get("op"), "[1]")).get("error").asText())
                .isEqualTo("body : array (expected: a JSON object)");
        assertThat(json(rig.post("/api/alarms/a1/ack", tokens.get("op"), "{\"note\":5}")).get("error").asText())
                .isEqualTo("note : 5 (expected: text)");
        assertThat(rig.post("/api/alarms/a1/ack", tokens.get("op"), "{not json").statusCode()).isEqualTo(400);
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405WithAllow() throws Exception {
        HttpResponse<String> missing = get("adm", "/api/nothing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("error").asText()).startsWith("path : /api/nothing");

        HttpResponse<String> wrong = rig.post("/api/sensors", tokens.get("adm"), "{}");
        assertThat(wrong.statusCode()).isEqualTo(405);
        assertThat(wrong.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void healthNamesTheStoreAndPipeline() throws Exception {
        JsonNode health = json(get(null, "/health"));

        assertThat(health.get("status").asText()).isEqualTo("up");
        assertThat(health.get("storage").get("reachable").asBoolean()).isTrue();
        assertThat(health.get("active_alarms").asInt()).isPositive();
    }

    @Test
    void healthShowsTheSectionsOtherPartsAdd() throws Exception {
        rig.gateway.controlRoom().healthSection("uplink", () -> ControlRoomRig.JSON.createObjectNode()
                .put("endpoints", 2));

        assertThat(json(get(null, "/health")).get("uplink").get("endpoints").asInt()).isEqualTo(2);
    }

    @Test
    void metricsIncludeTheWebSocketClientGauge() throws Exception {
        assertThat(get(null, "/metrics").body()).contains("minewatch_websocket_clients");
    }

    @Test
    void openApiDocumentListsEveryRouteTheRouterHas() throws Exception {
        JsonNode paths = json(get(null, "/api/openapi.json")).get("paths");
        Set<String> documented = new HashSet<>();
        Iterator<Map.Entry<String, JsonNode>> entries = paths.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> path = entries.next();
            path.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase() + " " + path.getKey()));
        }

        Set<String> routed = new HashSet<>();
        rig.gateway.controlRoom().router().routes().forEach(r -> routed.add(r.method().name() + " " + r.pattern()));
        routed.addAll(rig.gateway.controlRoom().streamedEndpoints());

        assertThat(documented).isEqualTo(routed);
    }

    @Test
    void servesThePageAndTheChartLibraryWithoutLogin() throws Exception {
        HttpResponse<String> page = get(null, "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("/webjars/echarts/echarts.min.js");

        HttpResponse<String> echarts = get(null, "/webjars/echarts/echarts.min.js");
        assertThat(echarts.statusCode()).isEqualTo(200);
        assertThat(echarts.body().length()).isGreaterThan(100_000);
        assertThat(get(null, "/app/../../etc/passwd").statusCode()).isEqualTo(404);
    }
}
