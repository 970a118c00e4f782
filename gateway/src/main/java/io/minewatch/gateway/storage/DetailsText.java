package io.minewatch.gateway.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;

/**
 * An alarm event's details as one text column or field: a JSON object of strings, keys sorted, e.g.
 * {@code {"acknowledged_by":"li.wei","note":"ventilation adjusted"}}. Empty details are no text at all (null), so
 * events without details store as before.
 */
final class DetailsText {

    /** Thread-safe once configured, and never reconfigured. */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };

    private DetailsText() {
    }

    static String toText(Map<String, String> details) {
        if (details.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(new TreeMap<>(details));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("details : " + details.keySet() + " (expected: writable as JSON)", e);
        }
    }

    /** The details of {@code text}; none when it is null, empty, or not such an object (a point written by others). */
    static Map<String, String> fromText(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, String> details = JSON.readValue(text, STRINGS);
            return details == null ? Map.of() : details;
        } catch (JsonProcessingException notDetails) {
            return Map.of();
        }
    }
}
