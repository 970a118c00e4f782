package io.minewatch.gateway.uplink;

import static io.minewatch.gateway.journal.JournalFixtures.event;
import static io.minewatch.gateway.journal.JournalFixtures.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.UplinkConfig.EndpointType;
import io.minewatch.config.UplinkConfig.RegulatorConfig;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.SystemAlarms;
import io.minewatch.gateway.journal.AlarmJournal;
import io.minewatch.gateway.journal.JournalEntry;
import io.minewatch.gateway.journal.JournalFixtures;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegulatorUplinkTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final RegulatorConfig CONFIG = new RegulatorConfig("recording", EndpointType.WEBHOOK,
            URI.create("http://127.0.0.1:1/"), null, 1, null, null, null, null, null, null, Duration.ofMillis(5),
            Duration.ofMillis(40));

    @TempDir
    Path directory;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private AlarmJournal journal;
    private RegulatorUplink uplink;

    @AfterEach
    void close() {
        if (uplink != null) {
            uplink.close();
        }
        if (journal != null) {
            journal.close();
        }
    }

    private RegulatorUplink start(RecordingEndpoint endpoint) throws Exception {
        return start(endpoint, Clock.systemUTC(), null);
    }

    private RegulatorUplink start(RecordingEndpoint endpoint, Clock clock, SystemAlarms systemAlarms)
            throws Exception {
        if (journal == null) {
            journal = JournalFixtures.open(directory);
        }
        uplink = new RegulatorUplink(List.of(endpoint), List.of(CONFIG), journal, JournalFixtures.MAPPER, registry,
                clock);
        if (systemAlarms != null) {
            uplink.reportTo(systemAlarms);
        }
        uplink.start();
        return uplink;
    }

    private static List<String> ids(RecordingEndpoint endpoint) {
        return endpoint.received.stream().map(JournalEntry::eventId).toList();
    }

    @Test
    void deliversEveryEntryInJournalOrderAndShowsNoBacklog() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint(0, List.of());
        start(endpoint);

        journal.appendDurably(events(0, 20), WAIT);

        await().atMost(WAIT).until(() -> endpoint.received.size() == 20);
        assertThat(ids(endpoint)).containsExactlyElementsOf(events(0, 20).stream().map(e -> e.id()).toList());
        assertThat(endpoint.received).extracting(JournalEntry::seq).isSorted();
        await().atMost(WAIT).until(() -> uplink.status().get(0).backlog() == 0);
        assertThat(registry.get("minewatch.uplink.delivered").counter().count()).isEqualTo(20);
    }

    @Test
    void retriesTheSameEntryWhileTheEndpointIsDownAndLosesNothing() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint(6, List.of());
        start(endpoint);

        journal.appendDurably(events(0, 5), WAIT);

        await().atMost(WAIT).until(() -> endpoint.received.size() == 5);
        assertThat(ids(endpoint)).containsExactly("ev-0", "ev-1", "ev-2", "ev-3", "ev-4");
        assertThat(endpoint.attempts.get()).isEqualTo(11);
        assertThat(registry.get("minewatch.uplink.failures").counter().count()).isEqualTo(6);
        assertThat(uplink.status().get(0).state()).isEqualTo("up");
    }

    @Test
    void keepsDeliveringAfterAnUnexpectedExceptionOfTheEndpoint() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint(2, List.of());
        endpoint.defects = true;
        start(endpoint);

        journal.appendDurably(events(0, 3), WAIT);

        await().atMost(WAIT).until(() -> endpoint.received.size() == 3);
        assertThat(ids(endpoint)).containsExactly("ev-0", "ev-1", "ev-2");
    }

    @Test
    void showsTheEndpointRetryingWithItsBacklogWhileItIsDown() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint(Integer.MAX_VALUE, List.of());
        start(endpoint);

        journal.appendDurably(events(0, 3), WAIT);

        await().atMost(WAIT).until(() -> "retrying".equals(uplink.status().get(0).state()));
        EndpointStatus status = uplink.status().get(0);
        assertThat(status.backlog()).isEqualTo(3);
        assertThat(status.lastError()).contains("entry 1").contains("down");
        assertThat(uplink.toJson().get(0).get("backlog").asLong()).isEqualTo(3);
    }

    @Test
    void raisesASystemAlarmWhenTheEndpointHasBeenDownForFiveMinutesAndClearsItWhenItIsBack() throws Exception {
        ManualClock clock = new ManualClock(Instant.ofEpochMilli(JournalFixtures.T0));
        SystemAlarms systemAlarms = new SystemAlarms(clock, event -> { });
        RecordingEndpoint endpoint = new RecordingEndpoint(Integer.MAX_VALUE, List.of());
        start(endpoint, clock, systemAlarms);
        journal.appendDurably(events(0, 2), WAIT);
        await().atMost(WAIT).until(() -> endpoint.attempts.get() >= 2);
        assertThat(systemAlarms.active()).isEmpty();

        clock.advance(Duration.ofMinutes(5));

        await().atMost(WAIT).until(() -> !systemAlarms.active().isEmpty());
        SystemAlarms.SystemAlarm alarm = systemAlarms.active().get(0);
        assertThat(alarm.code()).isEqualTo("uplink-recording");
        assertThat(alarm.level()).isEqualTo(Level.ORANGE);
        assertThat(alarm.message()).contains("5 min").contains("2 waiting");

        endpoint.recover();

        await().atMost(WAIT).until(() -> systemAlarms.active().isEmpty());
        assertThat(ids(endpoint)).containsExactly("ev-0", "ev-1");
    }

    @Test
    void deadLettersAnEntryTheEndpointRefusesAndDeliversTheRest() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint(0, List.of("ev-1"));
        start(endpoint);

        journal.appendDurably(events(0, 3), WAIT);

        await().atMost(WAIT).until(() -> endpoint.received.size() == 2);
        assertThat(ids(endpoint)).containsExactly("ev-0", "ev-2");
        Path deadLetters = directory.resolve("uplink").resolve("recording.dead-letter.jsonl");
        assertThat(Files.readString(deadLetters)).contains("\"event_id\":\"ev-1\"").contains("422 refused");
    }

    @Test
    void resumesAfterARestartFromItsCursorWithoutSkippingAnything() throws Exception {
        RecordingEndpoint first = new RecordingEndpoint(0, List.of());
        start(first);
        journal.appendDurably(events(0, 4), WAIT);
        await().atMost(WAIT).until(() -> first.received.size() == 4);
        uplink.close();
        journal.appendDurably(List.of(event(4), event(5)), WAIT);

        RecordingEndpoint second = new RecordingEndpoint(0, List.of());
        start(second);

        await().atMost(WAIT).until(() -> second.received.size() == 2);
        assertThat(ids(second)).containsExactly("ev-4", "ev-5");
        assertThat(first.closed).isTrue();
    }
}
