package io.minewatch.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.collectors.Ingest;
import io.minewatch.collectors.Quality;
import io.minewatch.collectors.codec.JsonReadingCodec;
import io.minewatch.collectors.codec.ReadingValidator;
import io.minewatch.collectors.reject.RejectReason;
import io.minewatch.collectors.reject.Rejection;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import io.minewatch.gateway.registry.SensorRegistry;
import io.minewatch.gateway.rules.AlarmIds;
import io.minewatch.gateway.rules.RuleEngine;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PipelineStagesTest {

    private static final long NOW = Instant.parse("2025-11-22T10:00:00Z").toEpochMilli();
    private static final String CONFIG = """
            sites:
              - id: CM01
                type: coal_mine
                sensors:
                  - { id: CM01-CH4-T1, kind: ch4, location: "working face 1201", profile: coal_ch4_working_face }
                  - { id: CM01-O2-01, kind: o2, location: "intake" }
              - id: TP01
                type: tailings_pond
                sensors:
                  - { id: TP01-GNSS-01, kind: displacement, location: "dam crest" }
            """;

    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    private final List<Rejection> rejections = new ArrayList<>();
    private final List<EvaluatedBatch> dispatched = new ArrayList<>();
    private final AtomicInteger completed = new AtomicInteger();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() throws Exception {
        MinewatchConfig config = ConfigLoader.load(CONFIG, Path.of("test.yaml"));
        SensorRegistry registry = new SensorRegistry(config);
        AtomicInteger ids = new AtomicInteger();
        LaneInitializer lanes = new LaneInitializer(new JsonReadingCodec(4096),
                new ReadingValidator(clock, Duration.ofMinutes(5)), registry,
                () -> new RuleEngine(registry, clock, () -> "id-" + ids.incrementAndGet()),
                dispatched::add, rejections::add, new PipelineMetrics(meters));
        channel = new EmbeddedChannel();
        lanes.addStages(channel.pipeline());
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    private void send(String topicSite, String sensor, String payload) {
        channel.writeInbound(new Ingest("test", "minewatch/" + topicSite + "/" + sensor, topicSite, sensor,
                payload.getBytes(StandardCharsets.UTF_8), NOW, completed::incrementAndGet));
    }

    @Test
    void ch4AboveAlarmThresholdRaisesOrangeAndClearsBelowRestore() {
        send("CM01", "CM01-CH4-T1", "{\"value\":1.2}");
        send("CM01", "CM01-CH4-T1", "{\"value\":0.8}");

        assertThat(dispatched).hasSize(2);
        AlarmEvent raised = dispatched.get(0).events().get(0);
        assertThat(raised.transition()).isEqualTo(AlarmTransition.RAISED);
        assertThat(raised.level()).isEqualTo(Level.ORANGE);
        assertThat(raised.value()).isEqualTo(1.2);
        assertThat(raised.threshold()).isEqualTo(1.0);
        AlarmEvent cleared = dispatched.get(1).events().get(0);
        assertThat(cleared.transition()).isEqualTo(AlarmTransition.CLEARED);
        assertThat(cleared.alarmId()).isEqualTo(raised.alarmId());
        assertThat(rejections).isEmpty();
    }

    @Test
    void aMessageDeliveredAgainIsStoredAgainButNotEvaluatedAgain() {
        String raise = "{\"value\":1.2,\"ts\":" + (NOW - 2000) + "}";
        String clear = "{\"value\":0.8,\"ts\":" + (NOW - 1000) + "}";
        send("CM01", "CM01-CH4-T1", raise);
        send("CM01", "CM01-CH4-T1", clear);
        // The broker got neither acknowledgement and sends both again (DUP).
        for (String payload : List.of(raise, clear)) {
            channel.writeInbound(new Ingest("test", "minewatch/CM01/CM01-CH4-T1", "CM01", "CM01-CH4-T1",
                    payload.getBytes(StandardCharsets.UTF_8), NOW, completed::incrementAndGet, true));
        }

        assertThat(dispatched).hasSize(4);
        assertThat(dispatched.get(0).events()).extracting(AlarmEvent::transition)
                .containsExactly(AlarmTransition.RAISED);
        assertThat(dispatched.get(1).events()).extracting(AlarmEvent::transition)
                .containsExactly(AlarmTransition.CLEARED);
        assertThat(dispatched.subList(2, 4)).allSatisfy(batch -> {
            assertThat(batch.readings()).hasSize(1);
            assertThat(batch.events()).isEmpty();
        });
        assertThat(meters.get("minewatch.pipeline.redelivered.already_evaluated").counter().count()).isEqualTo(2);
    }

    @Test
    void carriesTheSourcesQualityToTheReadingAndRaisesNoAlarmOnABadReading() {
        send("CM01", "CM01-CH4-T1", "{\"value\":1.7,\"quality\":\"bad\"}");
        send("CM01", "CM01-CH4-T1", "{\"value\":1.2,\"quality\":\"uncertain\"}");

        assertThat(dispatched).hasSize(2);
        assertThat(dispatched).extracting(batch -> batch.readings().get(0).quality())
                .containsExactly(Quality.BAD, Quality.UNCERTAIN);
        assertThat(dispatched).allSatisfy(batch -> assertThat(batch.events()).isEmpty());
    }

    @Test
    void convertsPpmToCanonicalPercentBeforeEvaluating() {
        send("CM01", "CM01-CH4-T1", "{\"value\":16000,\"unit\":\"ppm\"}");

        assertThat(dispatched).hasSize(1);
        assertThat(dispatched.get(0).readings().get(0).value()).isEqualTo(1.6);
        assertThat(dispatched.get(0).events().get(0).level()).isEqualTo(Level.RED);
    }

    @Test
    void convertsMetresToMillimetresForDisplacement() {
        send("TP01", "TP01-GNSS-01", "{\"value\":0.012,\"unit\":\"m\"}");

        assertThat(dispatched.get(0).readings().get(0).value()).isEqualTo(12.0);
        assertThat(dispatched.get(0).readings().get(0).kind()).isEqualTo(Kind.DISPLACEMENT);
    }

    @Test
    void acceptsUnregisteredSensorWithKindUnderDefaultProfile() {
        send("CM02", "CM02-CH4-X", "{\"value\":1.1,\"kind\":\"ch4\"}");

        assertThat(dispatched).hasSize(1);
        assertThat(dispatched.get(0).readings().get(0).registered()).isFalse();
        assertThat(dispatched.get(0).events()).extracting(AlarmEvent::level).containsExactly(Level.ORANGE);
    }

    @Test
    void rejectsUnregisteredSensorWithoutKindAndCompletesDelivery() {
        send("CM02", "CM02-UNKNOWN", "{\"value\":1.1}");

        assertThat(dispatched).isEmpty();
        assertThat(rejections).extracting(Rejection::reason).containsExactly(RejectReason.UNREGISTERED_WITHOUT_KIND);
        assertThat(completed).hasValue(1);
    }

    @Test
    void rejectsKindThatContradictsRegistration() {
        send("CM01", "CM01-CH4-T1", "{\"value\":20.9,\"kind\":\"o2\"}");

        assertThat(rejections).extracting(Rejection::reason).containsExactly(RejectReason.KIND_MISMATCH);
        assertThat(dispatched).isEmpty();
    }

    @Test
    void rejectsSensorPublishedUnderAnotherSite() {
        send("TP01", "CM01-CH4-T1", "{\"value\":0.3}");

        assertThat(rejections).extracting(Rejection::reason).containsExactly(RejectReason.SITE_MISMATCH);
    }

    @Test
    void rejectsReadingFromTheFutureButKeepsItsBatchNeighbours() {
        long farFuture = NOW + Duration.ofMinutes(10).toMillis();
        send("CM01", "CM01-CH4-T1", "[{\"value\":0.3,\"ts\":" + NOW + "},{\"value\":0.4,\"ts\":" + farFuture + "}]");

        assertThat(rejections).extracting(Rejection::reason).containsExactly(RejectReason.FUTURE_TIMESTAMP);
        assertThat(dispatched).hasSize(1);
        assertThat(dispatched.get(0).readings()).extracting(r -> r.value()).containsExactly(0.3);
    }

    @Test
    void rejectsUnitOfAnotherDimension() {
        send("CM01", "CM01-CH4-T1", "{\"value\":3,\"unit\":\"mm\"}");

        assertThat(rejections).extracting(Rejection::reason).containsExactly(RejectReason.BAD_UNIT);
    }

    @Test
    void o2BelowTwentyPercentRaisesAlarm() {
        send("CM01", "CM01-O2-01", "{\"value\":19.2}");

        assertThat(dispatched.get(0).events()).extracting(AlarmEvent::transition)
                .containsExactly(AlarmTransition.RAISED);
    }

    @Test
    void malformedPayloadIsRejectedAndTheLaneKeepsWorking() {
        send("CM01", "CM01-CH4-T1", "{\"value\":");
        send("CM01", "CM01-CH4-T1", "{\"value\":0.3}");

        assertThat(rejections).extracting(Rejection::reason).containsExactly(RejectReason.BAD_JSON);
        assertThat(dispatched).hasSize(1);
        assertThat(completed).hasValue(1);
    }

    @Test
    void failingDispatcherBecomesInternalErrorAndReleasesTheMessage() {
        EmbeddedChannel failing = new EmbeddedChannel();
        new LaneInitializer(new JsonReadingCodec(4096), new ReadingValidator(clock, Duration.ofMinutes(5)),
                new SensorRegistry(ConfigLoaderHolder.config()), () -> new RuleEngine(r -> List.of(), clock,
                        () -> "x"), batch -> {
                            throw new IllegalStateException("boom");
                        }, rejections::add, new PipelineMetrics(new SimpleMeterRegistry()))
                .addStages(failing.pipeline());

        failing.writeInbound(new Ingest("test", "minewatch/CM01/CM01-CH4-T1", "CM01", "CM01-CH4-T1",
                "{\"value\":0.3}".getBytes(StandardCharsets.UTF_8), NOW, completed::incrementAndGet));

        assertThat(rejections).extracting(Rejection::reason).containsExactly(RejectReason.INTERNAL_ERROR);
        assertThat(rejections.get(0).excerpt()).contains("0.3");
        assertThat(completed).hasValue(1);
        failing.finishAndReleaseAll();
    }

    /** Keeps the shared test configuration in one place. */
    private static final class ConfigLoaderHolder {
        static MinewatchConfig config() {
            try {
                return ConfigLoader.load(CONFIG, Path.of("test.yaml"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
