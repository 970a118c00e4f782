package io.minewatch.gateway.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.minewatch.collectors.Quality;
import io.minewatch.collectors.Reading;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.DefaultProfiles;
import io.minewatch.config.rules.Profile;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.fault.StoredReadings.StoredTransition;
import io.minewatch.gateway.rules.AlarmIds;
import io.minewatch.gateway.rules.RuleEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway process is killed (SIGKILL) three times in a minute of readings and started again each time with the
 * same configuration. Whatever it held unacknowledged the broker delivers again; every reading must be stored once,
 * and every alarm transition of a CH4 sensor that keeps crossing 1.0 % and 1.5 % must be recorded once: none missing
 * (an alarm lost in a crash) and none doubled (an alarm raised again for a reading already evaluated, or for an alarm
 * that was already active before the crash).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class GatewayKillIT {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayKillIT.class);
    private static final int RATE = Integer.getInteger("minewatch.fault.rate", 1000);
    private static final java.util.Set<String> RULE_TRANSITIONS = java.util.Set.of("raised", "escalated",
            "deescalated", "cleared");
    private static final int KILLS = 3;
    private static final Duration RUN = Duration.ofSeconds(60);

    /** Kept when the test fails: the logs of the gateway, broker and InfluxDB tell what happened. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;

    @Test
    void storesEveryReadingAndEveryAlarmTransitionOnceThroughThreeKills() throws Exception {
        long start = System.nanoTime();
        Fleet fleet = Fleet.withAlarmingSensor(100);
        try (FaultRig rig = FaultRig.startServers(directory, fleet)) {
            GatewayProcess gateway = rig.startGateway(config -> config);
            ReadingPublisher publisher = rig.connectPublisher();
            long total = RUN.toSeconds() * RATE;
            publisher.startPaced(RATE);
            for (int kill = 1; kill <= KILLS; kill++) {
                long due = total * kill / (KILLS + 1);
                await("reading " + due + " published").atMost(RUN).until(() -> publisher.completed() >= due);
                logReadingsNotEvaluatedAgain(gateway);
                gateway.kill();
                LOG.info("gateway killed after {} readings published", publisher.completed());
                gateway.start();
            }
            await("the rest of the run").atMost(RUN).until(() -> publisher.completed() >= total);
            publisher.stop();
            logReadingsNotEvaluatedAgain(gateway);

            rig.assertEveryPublishedReadingStoredOnce(Duration.ofSeconds(90));
            LOG.info("{} kills at {} readings/s: {} readings published and stored, run {} s", KILLS, RATE,
                    publisher.completed(), Duration.ofNanos(System.nanoTime() - start).toSeconds());
            assertThat(gateway.starts()).isEqualTo(KILLS + 1);

            List<PublishedReading> series = publisher.published().get(fleet.alarmingSensor());
            assertThat(publisher.sent().get(fleet.alarmingSensor()))
                    .as("every reading of the alarming sensor acknowledged, so the gateway saw exactly these")
                    .hasSameSizeAs(series);
            List<StoredTransition> expected = transitionsOf(fleet, series);
            assertThat(expected).as("transitions the run must cause").hasSizeGreaterThan(20);
            // The rule's own transitions; flood control adds shelved/unshelved events of its own (wall-clock
            // timed, not caused by one reading), which an offline rule engine does not model.
            assertThat(rig.stored().transitions(fleet.alarmingSensor()).stream()
                    .filter(t -> RULE_TRANSITIONS.contains(t.transition())).toList())
                    .as("alarm_events of %s, by reading time and transition", fleet.alarmingSensor())
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** How often the guard against evaluating a redelivered reading twice came into play (it depends on timing). */
    private static void logReadingsNotEvaluatedAgain(GatewayProcess gateway) throws Exception {
        LOG.info("gateway start {}: {} redelivered readings stored but not evaluated again", gateway.starts(),
                PrometheusText.value(gateway.metrics(), "minewatch_pipeline_redelivered_already_evaluated_total"));
    }

    /** The transitions the rule engine decides for the series, evaluated in one go without a restart. */
    private static List<StoredTransition> transitionsOf(Fleet fleet, List<PublishedReading> series) {
        Profile profile = DefaultProfiles.all().get(Fleet.PROFILE);
        Clock clock = Clock.systemUTC();
        RuleEngine engine = new RuleEngine(reading -> profile.rules(), clock, AlarmIds.timeOrdered(clock));
        List<AlarmEvent> events = new ArrayList<>();
        for (PublishedReading published : series) {
            engine.evaluate(new Reading(fleet.site(), published.sensor(), Kind.CH4, published.value(),
                    published.timestampMillis(), Quality.GOOD, true, published.timestampMillis()), events);
        }
        return events.stream().map(event -> new StoredTransition(event.readingTimestampMillis(),
                event.transition().id(), event.level().id())).toList();
    }
}
