package io.minewatch.gateway.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads the alarm event of a journal entry back (the inverse of {@code AlarmJson}). */
final class JournalEvents {

    private JournalEvents() {
    }

    /** The entry's event; empty when it is not a whole event this version knows. */
    static Optional<AlarmEvent> event(JournalEntry entry, ObjectMapper mapper) {
        try {
            JsonNode e = mapper.readTree(entry.line()).get("event");
            Optional<Kind> kind = Kind.byId(e.path("kind").asText());
            Optional<Level> level = Level.byId(e.path("level").asText());
            if (kind.isEmpty() || level.isEmpty() || !e.hasNonNull("id") || !e.hasNonNull("alarm_id")) {
                return Optional.empty();
            }
            Map<String, String> details = new LinkedHashMap<>();
            e.path("details").fields().forEachRemaining(f -> details.put(f.getKey(), f.getValue().asText()));
            return Optional.of(new AlarmEvent(e.get("id").asText(), e.get("alarm_id").asText(),
                    AlarmTransition.valueOf(e.path("transition").asText().toUpperCase(Locale.ROOT)),
                    e.path("site").asText(), e.path("sensor").asText(), kind.get(), e.path("rule").asText(),
                    e.path("level_name").asText(), level.get(),
                    Level.byId(e.path("previous_level").asText()).orElse(null), e.path("threshold").asDouble(),
                    e.path("value").asDouble(), Instant.parse(e.path("reading_time").asText()).toEpochMilli(),
                    Instant.parse(e.path("event_time").asText()).toEpochMilli(), e.path("registered").asBoolean(),
                    details));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
