package io.minewatch.collectors.reject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterLogTest {

    private static final Instant AT = Instant.parse("2025-11-22T10:00:00.123Z");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private static Rejection rejection(RejectReason reason, String payload) {
        return new Rejection(reason, "payload : not valid JSON", "site-broker", "minewatch/CM01/CM01-CH4-T1", payload,
                AT.toEpochMilli());
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            nodes.add(MAPPER.readTree(line));
        }
        return nodes;
    }

    @Test
    void writesEachRejectionAsOneJsonLine() throws IOException {
        Path file = dir.resolve("dead-letter.jsonl");
        try (DeadLetterLog log = new DeadLetterLog(file, scheduler)) {
            log.reject(rejection(RejectReason.BAD_JSON, "{\"value\": 0.4"));
            log.reject(rejection(RejectReason.NON_FINITE_VALUE, "{\"value\": NaN}"));
        }

        List<JsonNode> lines = lines(file);
        assertThat(lines).hasSize(2);
        JsonNode first = lines.get(0);
        assertThat(first.get("at").asText()).isEqualTo("2025-11-22T10:00:00.123Z");
        assertThat(first.get("reason").asText()).isEqualTo("bad_json");
        assertThat(first.get("detail").asText()).isEqualTo("payload : not valid JSON");
        assertThat(first.get("source").asText()).isEqualTo("site-broker");
        assertThat(first.get("topic").asText()).isEqualTo("minewatch/CM01/CM01-CH4-T1");
        assertThat(first.get("payload").asText()).isEqualTo("{\"value\": 0.4");
        assertThat(lines.get(1).get("reason").asText()).isEqualTo("non_finite_value");
    }

    @Test
    void keepsPayloadWithQuotesNewlinesAndNonAsciiIntact() throws IOException {
        Path file = dir.resolve("dead-letter.jsonl");
        String payload = "{\"unit\": \"µg/m³\",\n \"note\": \"tab\\there\"}\u0000";
        try (DeadLetterLog log = new DeadLetterLog(file, scheduler)) {
            log.reject(rejection(RejectReason.BAD_JSON, payload));
        }

        assertThat(payloads(file)).containsExactly(payload);
    }

    @Test
    void createsParentDirectories() throws IOException {
        Path file = dir.resolve("data/logs/dead-letter.jsonl");
        try (DeadLetterLog log = new DeadLetterLog(file, scheduler)) {
            log.reject(rejection(RejectReason.BAD_TOPIC, "1"));
        }

        assertThat(lines(file)).hasSize(1);
    }

    @Test
    void appendsToAnExistingLog() throws IOException {
        Path file = dir.resolve("dead-letter.jsonl");
        try (DeadLetterLog log = new DeadLetterLog(file, scheduler)) {
            log.reject(rejection(RejectReason.BAD_JSON, "a"));
        }
        try (DeadLetterLog log = new DeadLetterLog(file, scheduler)) {
            log.reject(rejection(RejectReason.BAD_JSON, "b"));
        }

        assertThat(lines(file)).extracting(n -> n.get("payload").asText()).containsExactly("a", "b");
    }

    @Test
    void flushesWithinTheFlushIntervalWithoutBeingClosed() {
        Path file = dir.resolve("dead-letter.jsonl");
        try (DeadLetterLog log = new DeadLetterLog(file, 1024 * 1024, 1, Duration.ofMillis(20), scheduler)) {
            log.reject(rejection(RejectReason.BAD_JSON, "x"));

            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(file) && lines(file).size() == 1);
        }
    }

    @Test
    void rotatesWhenTheFileWouldExceedItsLimitAndKeepsTheConfiguredNumberOfOldFiles() throws IOException {
        Path file = dir.resolve("dead-letter.jsonl");
        int lineBytes = lineBytes(rejection(RejectReason.BAD_JSON, "payload-00"));
        try (DeadLetterLog log = new DeadLetterLog(file, lineBytes * 3L, 2, Duration.ofSeconds(1), scheduler)) {
            for (int i = 0; i < 10; i++) {
                log.reject(rejection(RejectReason.BAD_JSON, String.format("payload-%02d", i)));
            }
        }

        assertThat(payloads(dir.resolve("dead-letter.jsonl.2"))).containsExactly("payload-03", "payload-04",
                "payload-05");
        assertThat(payloads(dir.resolve("dead-letter.jsonl.1"))).containsExactly("payload-06", "payload-07",
                "payload-08");
        assertThat(payloads(file)).containsExactly("payload-09");
        assertThat(dir.resolve("dead-letter.jsonl.3")).doesNotExist();
        for (String name : List.of("dead-letter.jsonl", "dead-letter.jsonl.1", "dead-letter.jsonl.2")) {
            assertThat(Files.size(dir.resolve(name))).isLessThanOrEqualTo(lineBytes * 3L);
        }
    }

    @Test
    void startsAgainFromEmptyWhenNoOldFilesAreKept() throws IOException {
        Path file = dir.resolve("dead-letter.jsonl");
        int lineBytes = lineBytes(rejection(RejectReason.BAD_JSON, "payload-00"));
        try (DeadLetterLog log = new DeadLetterLog(file, lineBytes * 2L, 0, Duration.ofSeconds(1), scheduler)) {
            for (int i = 0; i < 5; i++) {
                log.reject(rejection(RejectReason.BAD_JSON, String.format("payload-%02d", i)));
            }
        }

        assertThat(payloads(file)).containsExactly("payload-04");
        assertThat(dir.resolve("dead-letter.jsonl.1")).doesNotExist();
    }

    @Test
    void neverThrowsWhenTheFileCannotBeWrittenAndWritesAgainOnceItCan() throws IOException {
        Path blocker = dir.resolve("not-a-directory");
        Files.writeString(blocker, "a file where the log's directory should be");
        Path file = blocker.resolve("dead-letter.jsonl");
        try (DeadLetterLog log = new DeadLetterLog(file, scheduler)) {
            assertThatCode(() -> {
                log.reject(rejection(RejectReason.BAD_JSON, "lost-1"));
                log.reject(rejection(RejectReason.BAD_JSON, "lost-2"));
                log.flush();
            }).doesNotThrowAnyException();

            Files.delete(blocker);
            log.reject(rejection(RejectReason.BAD_JSON, "kept"));
        }

        assertThat(payloads(file)).containsExactly("kept");
    }

    @Test
    void dropsRejectionsAfterCloseWithoutThrowing() throws IOException {
        Path file = dir.resolve("dead-letter.jsonl");
        DeadLetterLog log = new DeadLetterLog(file, scheduler);
        log.reject(rejection(RejectReason.BAD_JSON, "before"));
        log.close();

        assertThatCode(() -> {
            log.reject(rejection(RejectReason.BAD_JSON, "after"));
            log.close();
        }).doesNotThrowAnyException();
        assertThat(payloads(file)).containsExactly("before");
    }

    private int lineBytes(Rejection rejection) throws IOException {
        Path probe = dir.resolve("probe.jsonl");
        try (DeadLetterLog log = new DeadLetterLog(probe, scheduler)) {
            log.reject(rejection);
        }
        int bytes = (int) Files.size(probe);
        Files.delete(probe);
        return bytes;
    }

    private static List<String> payloads(Path file) throws IOException {
        return lines(file).stream().map(n -> n.get("payload").asText()).toList();
    }
}
