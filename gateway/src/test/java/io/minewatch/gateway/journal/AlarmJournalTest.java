package io.minewatch.gateway.journal;

import static io.minewatch.gateway.journal.JournalFixtures.FORMAT;
import static io.minewatch.gateway.journal.JournalFixtures.event;
import static io.minewatch.gateway.journal.JournalFixtures.events;
import static io.minewatch.gateway.journal.JournalFixtures.lines;
import static io.minewatch.gateway.journal.JournalFixtures.onlyFile;
import static io.minewatch.gateway.journal.JournalFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlarmJournalTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path directory;

    @Test
    void chainsEachEntryToThePreviousOneByHash() throws Exception {
        JournalFixtures.write(directory, 3);

        List<String> lines = lines(onlyFile(directory));
        assertThat(lines).hasSize(3);
        String previous = JournalFormat.GENESIS_HASH;
        for (int i = 0; i < lines.size(); i++) {
            JsonNode node = JournalFixtures.MAPPER.readTree(lines.get(i));
            assertThat(node.get("seq").asLong()).isEqualTo(i + 1);
            assertThat(node.get("prev_hash").asText()).isEqualTo(previous);
            assertThat(node.get("event").get("id").asText()).isEqualTo("ev-" + i);
            previous = node.get("hash").asText();
        }
    }

    @Test
    void hashIsTheSha256OfTheLineWithoutItsHashField() throws Exception {
        JournalFixtures.write(directory, 1);

        String line = lines(onlyFile(directory)).get(0);
        String hashed = line.substring(0, line.lastIndexOf(",\"hash\":\"")) + "}";
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(hashed.getBytes(StandardCharsets.UTF_8)));
        assertThat(JournalFixtures.MAPPER.readTree(line).get("hash").asText()).isEqualTo(expected);
        assertThat(hashed).startsWith("{\"seq\":1,\"prev_hash\":\"" + JournalFormat.GENESIS_HASH + "\",\"event\":{");
    }

    @Test
    void carriesTheEventDetails() throws Exception {
        JournalFixtures.write(directory, 1);

        JsonNode event = JournalFixtures.MAPPER.readTree(lines(onlyFile(directory)).get(0)).get("event");
        assertThat(event.get("details").get("note").asText()).isEqualTo("line 0");
        assertThat(event.get("transition").asText()).isEqualTo("raised");
    }

    @Test
    void writesAnEventThatArrivesAsListenerAndDurablyOnce() throws Exception {
        try (AlarmJournal journal = open(directory)) {
            journal.onAlarm(event(0));
            journal.onAlarm(event(1));
            journal.appendDurably(List.of(event(0), event(1), event(2)), WAIT);
            journal.onAlarm(event(2));
            assertThat(journal.durableSeq()).isEqualTo(3);
        }
        assertThat(lines(onlyFile(directory))).hasSize(3);
    }

    @Test
    void continuesTheChainAfterARestart() throws Exception {
        JournalFixtures.write(directory, 2);
        try (AlarmJournal journal = open(directory)) {
            assertThat(journal.durableSeq()).isEqualTo(2);
            journal.appendDurably(List.of(event(2)), WAIT);
        }

        VerifyReport report = new JournalVerifier(FORMAT).verifyDirectory(directory);
        assertThat(report.problem()).isEmpty();
        assertThat(report.entries()).isEqualTo(3);
    }

    @Test
    void cutsOffALineWhoseWriteWasInterruptedAndContinuesAfterTheLastCompleteEntry() throws Exception {
        JournalFixtures.write(directory, 2);
        Path file = onlyFile(directory);
        String torn = lines(file).get(1).substring(0, 40);
        Files.writeString(file, torn.replace("\"seq\":2", "\"seq\":3"), StandardOpenOption.APPEND);

        try (AlarmJournal journal = open(directory)) {
            assertThat(journal.durableSeq()).isEqualTo(2);
            journal.appendDurably(List.of(event(7)), WAIT);
        }

        List<String> lines = lines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).startsWith("{\"seq\":3,").contains("\"id\":\"ev-7\"");
        assertThat(new JournalVerifier(FORMAT).verifyDirectory(directory).intact()).isTrue();
    }

    @Test
    void refusesToContinueAfterADamagedCompleteEntry() throws Exception {
        JournalFixtures.write(directory, 2);
        Path file = onlyFile(directory);
        List<String> lines = lines(file);
        lines.set(1, lines.get(1).replace("\"value\":0.6", "\"value\":0.5"));
        Files.write(file, lines);

        assertThatThrownBy(() -> open(directory)).isInstanceOf(JournalException.class)
                .hasMessageContaining("last entry damaged").hasMessageContaining(file.toString());
        assertThat(lines(file)).isEqualTo(lines);
    }

    @Test
    void startsANewFileOnceTheLastPassesItsSizeAndKeepsTheChainAcrossFiles() throws Exception {
        try (AlarmJournal journal = open(directory, 1_000)) {
            for (int n = 0; n < 12; n++) {
                journal.appendDurably(List.of(event(n)), WAIT);
            }
        }

        List<JournalSegments.Segment> segments = JournalSegments.list(directory);
        assertThat(segments).hasSizeGreaterThan(2);
        assertThat(segments.get(0).firstSeq()).isEqualTo(1);
        VerifyReport report = new JournalVerifier(FORMAT).verifyDirectory(directory);
        assertThat(report.problem()).isEmpty();
        assertThat(report.notes()).isEmpty();
        assertThat(report.lastSeq()).isEqualTo(12);
    }

    @Test
    void readerReadsAcrossFilesFromAPositionAndWaitsForWhatIsNotSyncedYet() throws Exception {
        try (AlarmJournal journal = open(directory, 1_000)) {
            journal.appendDurably(events(0, 10), WAIT);
            List<String> ids = new ArrayList<>();
            try (JournalReader reader = new JournalReader(directory, FORMAT, 3, journal::durableSeq)) {
                for (Optional<JournalEntry> e = reader.next(); e.isPresent(); e = reader.next()) {
                    ids.add(e.get().eventId());
                }
                assertThat(ids).containsExactly("ev-3", "ev-4", "ev-5", "ev-6", "ev-7", "ev-8", "ev-9");
                journal.onAlarm(event(10));
                await().atMost(WAIT).until(() -> journal.durableSeq() == 11);
                assertThat(reader.next()).map(JournalEntry::seq).contains(11L);
                assertThat(reader.next()).isEmpty();
            }
        }
    }

    @Test
    void readerNeverReturnsAnEntryPastItsLimit() throws Exception {
        JournalFixtures.write(directory, 5);
        try (JournalReader reader = new JournalReader(directory, FORMAT, 0, () -> 2)) {
            assertThat(reader.next()).map(JournalEntry::seq).contains(1L);
            assertThat(reader.next()).map(JournalEntry::seq).contains(2L);
            assertThat(reader.next()).isEmpty();
        }
    }
}
