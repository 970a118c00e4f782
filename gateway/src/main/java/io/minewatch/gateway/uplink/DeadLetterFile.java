package io.minewatch.gateway.uplink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.gateway.journal.JournalEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;

/**
 * The entries an endpoint refused as such ({@code <dir>/<endpoint>.dead-letter.jsonl}): one JSON line each with the
 * time, the reason (the regulator's answer) and the entry itself, for a person to resend or take up with the
 * regulator. The journal still holds every entry; this only says which one an endpoint did not take.
 */
public final class DeadLetterFile {

    private final Path file;
    private final ObjectMapper mapper;
    private final Clock clock;

    public DeadLetterFile(Path directory, String endpoint, ObjectMapper mapper, Clock clock) {
        this.file = directory.resolve(endpoint + ".dead-letter.jsonl");
        this.mapper = mapper;
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    public void record(JournalEntry entry, String reason) throws IOException {
        ObjectNode line = mapper.createObjectNode()
                .put("at", Instant.ofEpochMilli(clock.millis()).toString())
                .put("seq", entry.seq())
                .put("event_id", entry.eventId())
                .put("reason", reason)
                .put("entry", entry.text());
        Files.write(file, (mapper.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
    }
}
