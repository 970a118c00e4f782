package io.minewatch.gateway.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.collectors.Quality;
import io.minewatch.collectors.Reading;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.DefaultProfiles;
import io.minewatch.config.rules.Profile;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.fault.StoredReadings.StoredTransition;
import io.minewatch.gateway.journal.JournalEntry;
import io.minewatch.gateway.journal.JournalFormat;
import io.minewatch.gateway.journal.JournalReader;
import io.minewatch.gateway.journal.JournalVerifier;
import io.minewatch.gateway.journal.VerifyReport;
import io.minewatch.gateway.rules.AlarmIds;
import io.minewatch.gateway.rules.RuleEngine;
import io.minewatch.gateway.uplink.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The regulator uplink end to end, with the gateway as a process: its journal feeds a regulator's own Mosquitto and a
 * regulator's webhook. Both regulators go away while alarms keep firing and come back; in the second test the gateway
 * is also killed (SIGKILL) and started again while they are away. Each regulator must end up with every event of the
 * journal exactly once after dropping repeats by event id, in journal order, as a chain it can verify itself; and the
 * journal must hold each transition the readings caused exactly once.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RegulatorUplinkIT {

    private static final Logger LOG = LoggerFactory.getLogger(RegulatorUplinkIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JournalFormat FORMAT = new JournalFormat(JSON);
    private static final int RATE = 100;
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;

    @Test
    void regulatorsReceiveEveryEventOnceInOrderAfterTheirOutage() throws Exception {
        run(false);
    }

    @Test
    void regulatorsReceiveEveryEventOnceInOrderWhenTheGatewayIsKilledDuringTheirOutage() throws Exception {
        run(true);
    }

    private void run(boolean killGateway) throws Exception {
        Fleet fleet = Fleet.withAlarmingSensor(1);
        try (FaultRig rig = FaultRig.startServers(directory, fleet)) {
            MosquittoBroker regulatorBroker = rig.closeWithRig(new MosquittoBroker(directory.resolve("regulator")));
            regulatorBroker.start();
            RegulatorSubscriber county = rig.closeWithRig(new RegulatorSubscriber(regulatorBroker.url()));
            int webhookPort = FreePorts.next();
            List<WebhookReceiver.Received> province = new ArrayList<>();
            WebhookReceiver webhook = new WebhookReceiver(webhookPort);
            GatewayProcess gateway = rig.startGateway(config -> config.withExtraYaml(uplinkYaml(regulatorBroker.url(),
                    webhook.url().toString())));
            ReadingPublisher publisher = rig.connectPublisher();
            publisher.startPaced(RATE);

            await("first events at both regulators").atMost(DELIVERY)
                    .until(() -> county.payloads().size() >= 12 && webhook.accepted().size() >= 3);
            logLatency(county);
            regulatorBroker.stop();
            province.addAll(webhook.accepted());
            webhook.close();
            long before = journalSeq(rig);
            await("events journalled while the regulators are away").atMost(DELIVERY)
                    .until(() -> journalSeq(rig) >= before + 8);
            if (killGateway) {
                gateway.kill();
                gateway.start();
                long afterRestart = journalSeq(rig);
                await("events journalled after the restart").atMost(DELIVERY)
                        .until(() -> journalSeq(rig) >= afterRestart + 5);
            }
            JsonNode away = endpoint(gateway, "county");
            assertThat(away.path("state").asText()).isEqualTo("retrying");
            assertThat(away.path("backlog").asLong()).isPositive();
            assertThat(endpoint(gateway, "province").path("state").asText()).isEqualTo("retrying");

            regulatorBroker.start();
            WebhookReceiver back = rig.closeWithRig(new WebhookReceiver(webhookPort));
            long restored = journalSeq(rig);
            await("events journalled after the regulators are back").atMost(DELIVERY)
                    .until(() -> journalSeq(rig) >= restored + 5);
            publisher.stop();

            List<JournalEntry> journal = awaitQuietJournal(rig);
            await("county up to date").atMost(DELIVERY).until(() -> deduplicated(county.payloads()).size()
                    >= journal.size());
            await("province up to date").atMost(DELIVERY).until(() -> deduplicated(bodies(province, back)).size()
                    >= journal.size());

            assertReceivedExactlyTheJournal("county (mqtt)", county.payloads(), journal);
            assertReceivedExactlyTheJournal("province (webhook)", bodies(province, back), journal);
            assertThat(county.topics()).allMatch(t -> t.startsWith("regulator/" + Fleet.SITE + "/"));
            assertThat(endpoint(gateway, "county").path("backlog").asLong()).isZero();

            List<PublishedReading> series = publisher.published().get(fleet.alarmingSensor());
            assertThat(transitions(journal)).as("journal transitions, by reading time")
                    .containsExactlyInAnyOrderElementsOf(transitionsOf(fleet, series));
        }
    }

    /** From the gateway's decision (event_time) to the regulator's subscriber, same machine, same clock. */
    private static void logLatency(RegulatorSubscriber county) throws Exception {
        List<Long> latencies = new ArrayList<>();
        // The first ones wait for the uplink's first connection.
        for (int i = 2; i < county.payloads().size(); i++) {
            JsonNode event = JSON.readTree(county.payloads().get(i)).path("event");
            latencies.add(county.arrivals().get(i) - Instant.parse(event.path("event_time").asText()).toEpochMilli());
        }
        latencies.sort(null);
        LOG.info("event to regulator broker's subscriber: {} events, median {} ms, max {} ms", latencies.size(),
                latencies.get(latencies.size() / 2), latencies.get(latencies.size() - 1));
    }

    private static String uplinkYaml(String brokerUrl, String webhookUrl) {
        return """
                uplink:
                  regulators:
                    - { name: county, type: mqtt, url: "%s", topic: "regulator/{site}/{sensor}",
                        retry_min: 100ms, retry_max: 1s, timeout: 2s }
                    - { name: province, type: webhook, url: "%s", token: t0ken,
                        retry_min: 100ms, retry_max: 1s, timeout: 2s }
                """.formatted(brokerUrl, webhookUrl);
    }

    private static Path journalDirectory(FaultRig rig) {
        return rig.gatewayDataDirectory().resolve("journal");
    }

    private static long journalSeq(FaultRig rig) throws Exception {
        return readJournal(rig).size();
    }

    private static List<JournalEntry> readJournal(FaultRig rig) throws Exception {
        List<JournalEntry> entries = new ArrayList<>();
        try (JournalReader reader = new JournalReader(journalDirectory(rig), FORMAT, 0, () -> Long.MAX_VALUE)) {
            for (Optional<JournalEntry> e = reader.next(); e.isPresent(); e = reader.next()) {
                entries.add(e.get());
            }
        }
        return entries;
    }

    /** The journal once the last reading's transitions are in it and it has stopped growing. */
    private static List<JournalEntry> awaitQuietJournal(FaultRig rig) throws Exception {
        long[] last = {-1};
        await("journal settled").atMost(DELIVERY).pollInterval(Duration.ofSeconds(1)).until(() -> {
            long now = journalSeq(rig);
            boolean same = now == last[0];
            last[0] = now;
            return same;
        });
        VerifyReport report = new JournalVerifier(FORMAT).verifyDirectory(journalDirectory(rig));
        assertThat(report.problem()).as("the gateway's own journal").isEmpty();
        return readJournal(rig);
    }

    private static JsonNode endpoint(GatewayProcess gateway, String name) throws Exception {
        return StreamSupport.stream(gateway.health().path("uplink").spliterator(), false)
                .filter(n -> name.equals(n.path("name").asText())).findFirst().orElseThrow();
    }

    private static List<String> bodies(List<WebhookReceiver.Received> before, WebhookReceiver back) {
        List<String> all = new ArrayList<>();
        before.forEach(r -> all.add(r.body()));
        back.accepted().forEach(r -> all.add(r.body()));
        return all;
    }

    /** What a regulator keeps: the first arrival of each event id, in arrival order. */
    private static List<String> deduplicated(List<String> payloads) throws Exception {
        Map<String, String> byId = new LinkedHashMap<>();
        for (String payload : payloads) {
            byId.putIfAbsent(JSON.readTree(payload).path("event").path("id").asText(), payload);
        }
        return new ArrayList<>(byId.values());
    }

    private void assertReceivedExactlyTheJournal(String regulator, List<String> payloads, List<JournalEntry> journal)
            throws Exception {
        List<String> kept = deduplicated(payloads);
        assertThat(kept).as(regulator + ": entries after dropping repeats by event id, in arrival order")
                .containsExactlyElementsOf(journal.stream().map(JournalEntry::text).toList());
        Path received = Files.write(directory.resolve(regulator.split(" ")[0] + "-received.jsonl"),
                (String.join("\n", kept) + "\n").getBytes(StandardCharsets.UTF_8));
        VerifyReport report = new JournalVerifier(FORMAT).verify(List.of(received));
        assertThat(report.problem()).as(regulator + ": the chain as the regulator checks it").isEmpty();
        assertThat(report.firstSeq()).isEqualTo(1);
    }

    private static final java.util.Set<String> RULE_TRANSITIONS = java.util.Set.of("raised", "escalated",
            "deescalated", "cleared");

    private static List<StoredTransition> transitions(List<JournalEntry> journal) throws Exception {
        List<StoredTransition> transitions = new ArrayList<>();
        for (JournalEntry entry : journal) {
            JsonNode event = JSON.readTree(entry.line()).path("event");
            if (!RULE_TRANSITIONS.contains(event.path("transition").asText())) {
                continue; // flood control's shelved/unshelved: not the rule's, and timed by the wall clock
            }
            transitions.add(new StoredTransition(Instant.parse(event.path("reading_time").asText()).toEpochMilli(),
                    event.path("transition").asText(), event.path("level").asText()));
        }
        return transitions;
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
