package io.minewatch.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.minewatch.collectors.Ingest;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.gateway.alarms.Acknowledgement;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmListener;
import io.minewatch.gateway.alarms.AlarmTransition;
import io.minewatch.gateway.alarms.StandingAlarm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway assembled as in production, without brokers (embedded store): an alarm raised by a reading is
 * acknowledged through {@link GatewayService#acknowledger()}, the acknowledgement reaches the extra listeners after
 * the raise, is stored with who acknowledged, and is still there after a restart on the same files.
 */
class GatewayAlarmLifecycleTest {

    private static final String SENSOR = "CM01-CH4-T1";

    @TempDir
    Path dataDir;

    private final AtomicInteger delivered = new AtomicInteger();

    private MinewatchConfig config() {
        return ConfigLoader.load("""
                http: { bind: 127.0.0.1, port: 0 }
                storage:
                  local: { path: %s }
                sites:
                  - id: CM01
                    type: coal_mine
                    sensors:
                      - { id: %s, kind: ch4, location: "working face", profile: coal_ch4_working_face }
                """.formatted(dataDir, SENSOR), dataDir.resolve("test.yaml"));
    }

    private void send(GatewayService gateway, String payload) throws InterruptedException {
        gateway.pipeline().submit(new Ingest("test", "minewatch/CM01/" + SENSOR, "CM01", SENSOR,
                payload.getBytes(StandardCharsets.UTF_8), System.currentTimeMillis(), delivered::incrementAndGet));
    }

    @Test
    void anAcknowledgedClearedAlarmLeavesAndAnAcknowledgementSurvivesARestart() throws Exception {
        List<AlarmEvent> seen = new CopyOnWriteArrayList<>();
        AlarmListener extra = seen::add;
        AlarmEvent ack;
        try (GatewayService gateway = new GatewayService(config(), Clock.systemUTC(), List.of(extra))) {
            gateway.start();
            send(gateway, "1.2");
            await().until(() -> delivered.get() == 1 && gateway.alarms().standing().size() == 1);
            String alarmId = gateway.alarms().standing().get(0).alarmId();

            ack = gateway.acknowledger().acknowledge(alarmId, "li.wei", "ventilation adjusted")
                    .toCompletableFuture().get();

            assertThat(seen).extracting(AlarmEvent::transition)
                    .containsExactly(AlarmTransition.RAISED, AlarmTransition.ACKNOWLEDGED);
            assertThat(gateway.alarms().standing(alarmId)).get().extracting(StandingAlarm::acknowledgement)
                    .isEqualTo(new Acknowledgement("li.wei", ack.eventTimeMillis(), "ventilation adjusted"));
        }

        try (GatewayService restarted = new GatewayService(config(), Clock.systemUTC(), List.of())) {
            assertThat(restarted.alarms().standing()).singleElement().satisfies(a -> {
                assertThat(a.isActive()).isTrue();
                assertThat(a.acknowledgement()).isEqualTo(new Acknowledgement("li.wei", ack.eventTimeMillis(),
                        "ventilation adjusted"));
            });
            restarted.start();
            send(restarted, "0.2");
            await().atMost(Duration.ofSeconds(10)).until(() -> restarted.alarms().standing().isEmpty());
        }
    }

    @Test
    void aClearedUnacknowledgedAlarmStandsAcrossARestartUntilAcknowledged() throws Exception {
        String alarmId;
        try (GatewayService gateway = new GatewayService(config(), Clock.systemUTC(), List.of())) {
            gateway.start();
            send(gateway, "1.2");
            send(gateway, "0.2");
            await().until(() -> delivered.get() == 2);
            assertThat(gateway.alarms().active()).isEmpty();
            assertThat(gateway.alarms().standing()).singleElement().satisfies(a -> assertThat(a.isActive()).isFalse());
            alarmId = gateway.alarms().standing().get(0).alarmId();
        }

        try (GatewayService restarted = new GatewayService(config(), Clock.systemUTC(), List.of())) {
            restarted.start();
            assertThat(restarted.alarms().standing()).extracting(StandingAlarm::alarmId).containsExactly(alarmId);

            restarted.acknowledger().acknowledge(alarmId, "li.wei", null).toCompletableFuture().get();

            assertThat(restarted.alarms().standing()).isEmpty();
        }
        try (GatewayService again = new GatewayService(config(), Clock.systemUTC(), List.of())) {
            assertThat(again.alarms().standing()).isEmpty();
        }
    }
}
