package io.minewatch.gateway.web.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.minewatch.gateway.web.BadRequestException;
import java.util.HashSet;
import java.util.Set;

/**
 * What a live client asked for: whole sites, single sensors, or everything ({@code "sites": ["*"]}). Sent as
 * {@code {"type":"subscribe","sites":["CM01"],"sensors":["TP01-WL-01"]}}; a new one replaces the old.
 */
public record Subscription(Set<String> sites, Set<String> sensors) {

    static final int MAX_ITEMS = 100_000;
    public static final String ALL = "*";

    public Subscription {
        sites = Set.copyOf(sites);
        sensors = Set.copyOf(sensors);
    }

    public boolean matches(String site, String sensor) {
        return sites.contains(ALL) || sites.contains(site) || sensors.contains(sensor);
    }

    /** Reads a subscribe message; a {@link BadRequestException} names what is wrong. */
    public static Subscription parse(JsonNode message) {
        if (message == null || !message.isObject()) {
            throw new BadRequestException("message : not a JSON object (expected: {\"type\":\"subscribe\","
                    + "\"sites\":[...],\"sensors\":[...]})");
        }
        String type = message.path("type").asText("");
        if (!type.equals("subscribe")) {
            throw new BadRequestException("type : " + (type.isEmpty() ? "missing" : type)
                    + " (expected: subscribe)");
        }
        Set<String> sites = ids(message, "sites");
        Set<String> sensors = ids(message, "sensors");
        if (sites.isEmpty() && sensors.isEmpty()) {
            throw new BadRequestException("sites/sensors : both empty (expected: at least one site, one sensor, or"
                    + " sites [\"*\"] for everything)");
        }
        return new Subscription(sites, sensors);
    }

    private static Set<String> ids(JsonNode message, String field) {
        JsonNode node = message.get(field);
        Set<String> ids = new HashSet<>();
        if (node == null || node.isNull()) {
            return ids;
        }
        if (!node.isArray() || node.size() > MAX_ITEMS) {
            throw new BadRequestException(field + " : " + node.getNodeType().name().toLowerCase()
                    + " (expected: an array of at most " + MAX_ITEMS + " ids)");
        }
        for (JsonNode item : node) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new BadRequestException(field + " : " + item + " (expected: ids as strings)");
            }
            ids.add(item.asText());
        }
        return ids;
    }
}
