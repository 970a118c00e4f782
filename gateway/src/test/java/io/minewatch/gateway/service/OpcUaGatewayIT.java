package io.minewatch.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.collectors.Quality;
import io.minewatch.collectors.Reading;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import io.minewatch.gateway.rules.SensorFaultPolicy;
import io.minewatch.simulators.fleet.Fleet;
import io.minewatch.simulators.fleet.SimulatedSensor;
import io.minewatch.simulators.opcua.OpcUaSubstation;
import io.minewatch.simulators.opcua.PointStatus;
import io.minewatch.simulators.opcua.SubstationSettings;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole gateway reading the in-process OPC UA substation: values become readings stamped with the server's
 * source time, a threshold crossing raises an alarm, and a Bad value above the threshold raises none.
 */
class OpcUaGatewayIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The substation runs five minutes behind the gateway, so its timestamps are recognisable. */
    private static final Duration SOURCE_OFFSET = Duration.ofMinutes(-5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Clock substationClock = Clock.offset(Clock.systemUTC(), SOURCE_OFFSET);
    private OpcUaSubstation substation;
    private GatewayService gateway;
    private long stepAt;

    @BeforeEach
    void start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        // The face's methane steps from 0.4 % to 1.2 % (above the 1.0 % alarm) four seconds in, in the
        // substation's time; the return airway reads 1.6 % all along, but its transmitter has failed.
        stepAt = substationClock.millis() + 4_000;
        Fleet fleet = new Fleet(List.of(
                SimulatedSensor.canonical("CM01", "CM01-CH4-T1", Kind.CH4, 2, t -> t < stepAt ? 0.4 : 1.2),
                SimulatedSensor.canonical("CM01", "CM01-CH4-T2", Kind.CH4, 2, t -> 1.6)));
        substation = new OpcUaSubstation(SubstationSettings.local(port, dir.resolve("substation"))
                .withUpdatePeriod(Duration.ofMillis(250)), fleet, scheduler, substationClock);
        substation.setStatus("CM01-CH4-T2", PointStatus.BAD);
        substation.start();

        MinewatchConfig config = ConfigLoader.load("""
                http: { bind: 127.0.0.1, port: 0 }
                collectors:
                  opcua:
                    - name: substation
                      endpoint: "%s"
                      browse: [ { folder: "nsu=urn:minewatch:substation;s=CM01", pattern: "CM01-CH4-T\\\\d" } ]
                      publishing_interval: 250ms
                      sampling_interval: 100ms
                storage:
                  local: { path: "%s" }
                sites:
                  - id: CM01
                    type: coal_mine
                    sensors:
                      - { id: CM01-CH4-T1, kind: ch4, location: "working face 1201", profile: coal_ch4_working_face }
                      - { id: CM01-CH4-T2, kind: ch4, location: "return airway 1201", profile: coal_ch4_return_airway }
                """.formatted(substation.endpointUrl(), dir.resolve("data")), Path.of("it.yaml"));
        gateway = new GatewayService(config, Clock.systemUTC(), List.of());
        gateway.start();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        substation.close();
        scheduler.shutdownNow();
    }

    @Test
    void readingsCarryTheSourceTimestampAndAThresholdCrossingRaisesAnAlarm() {
        await().atMost(TIMEOUT).until(() -> gateway.live().latest("CM01-CH4-T1") != null);
        Reading first = gateway.live().latest("CM01-CH4-T1");
        assertThat(first.site()).isEqualTo("CM01");
        assertThat(first.registered()).isTrue();
        assertThat(first.receivedAtMillis() - first.timestampMillis())
                .isBetween(-SOURCE_OFFSET.toMillis() - 5_000, -SOURCE_OFFSET.toMillis() + 5_000);

        await().atMost(TIMEOUT).until(() -> gateway.alarms().recent().stream()
                .anyMatch(e -> e.sensor().equals("CM01-CH4-T1") && e.transition() == AlarmTransition.RAISED));

        AlarmEvent raised = gateway.alarms().recent().stream().filter(e -> e.sensor().equals("CM01-CH4-T1"))
                .findFirst().orElseThrow();
        assertThat(raised.level()).isEqualTo(Level.ORANGE);
        assertThat(raised.value()).isEqualTo(1.2);
    }

    @Test
    void aBadValueAboveTheThresholdRaisesNoThresholdAlarmButASensorFault() throws Exception {
        await().atMost(TIMEOUT).until(() -> gateway.live().latest("CM01-CH4-T2") != null
                && gateway.alarms().recent().stream().anyMatch(e -> e.sensor().equals("CM01-CH4-T1")));

        Reading faulty = gateway.live().latest("CM01-CH4-T2");
        assertThat(faulty.quality()).isEqualTo(Quality.BAD);
        assertThat(faulty.value()).isEqualTo(1.6);
        // Bad readings count toward the built-in sensor fault, never toward the CH4 thresholds.
        await().atMost(TIMEOUT).until(() -> gateway.alarms().recent().stream().anyMatch(e ->
                e.sensor().equals("CM01-CH4-T2") && e.ruleId().equals(SensorFaultPolicy.RULE_ID)
                        && e.transition() == AlarmTransition.RAISED));
        assertThat(gateway.alarms().recent()).noneMatch(e -> e.sensor().equals("CM01-CH4-T2")
                && !e.ruleId().equals(SensorFaultPolicy.RULE_ID));

        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.httpPort() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode collector = JSON.readTree(health.body()).get("collectors").get(0);
        assertThat(collector.get("name").asText()).isEqualTo("substation");
        assertThat(collector.get("state").asText()).isEqualTo("connected");
        assertThat(collector.get("detail").asText()).startsWith("monitoring 2 variables");
    }
}
