package io.minewatch.gateway.web;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Typed access to a request's query parameters, failing with a message that names the parameter. */
public final class QueryParams {

    private final Map<String, List<String>> params;

    public QueryParams(QueryStringDecoder decoder) {
        this.params = decoder.parameters();
    }

    public String string(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0).trim();
    }

    public String required(String name) {
        String value = string(name);
        if (value == null) {
            throw new BadRequestException(name + " : missing (expected: a value)");
        }
        return value;
    }

    /** An instant as ISO-8601 ({@code 2025-11-22T10:00:00Z}) or epoch milliseconds; null when absent. */
    public Long instantMillis(String name) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        if (value.length() <= 15 && value.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(value);
        }
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " : " + value
                    + " (expected: ISO-8601 like 2025-11-22T10:00:00Z, or epoch milliseconds)");
        }
    }

    /** A duration like {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 1d} or ISO {@code PT1M}. */
    public Duration duration(String name) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        try {
            if (value.startsWith("P") || value.startsWith("p")) {
                return Duration.parse(value.toUpperCase());
            }
            String unit = value.replaceAll("^[0-9]+", "");
            long amount = Long.parseLong(value.substring(0, value.length() - unit.length()));
            Duration duration = switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> throw new NumberFormatException(unit);
            };
            if (duration.isZero() || duration.isNegative()) {
                throw new NumberFormatException(value);
            }
            return duration;
        } catch (RuntimeException e) {
            throw new BadRequestException(name + " : " + value + " (expected: a positive duration like 10s, 5m, 1h, 1d)");
        }
    }

    /** An integer from {@code min} to {@code max}; {@code otherwise} when absent. */
    public int integer(String name, int min, int max, int otherwise) {
        String value = string(name);
        if (value == null) {
            return otherwise;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestException(name + " : " + value + " (expected: an integer from " + min + " to " + max
                + ")");
    }

    /** A comma-separated list, each item one of {@code allowed}; empty when absent. */
    public Set<String> choices(String name, Set<String> allowed) {
        String value = string(name);
        Set<String> items = new LinkedHashSet<>();
        if (value == null) {
            return items;
        }
        for (String item : value.split(",")) {
            String trimmed = item.trim();
            if (!allowed.contains(trimmed)) {
                throw new BadRequestException(name + " : " + value + " (expected: one or more of "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ", comma-separated)");
            }
            items.add(trimmed);
        }
        return items;
    }

    /** The names of every parameter given. */
    public Set<String> names() {
        return params.keySet();
    }

    /** Rejects any parameter not in {@code known}: a misspelt filter must not silently return everything. */
    public void allowOnly(String... known) {
        List<String> allowed = List.of(known);
        for (String name : params.keySet()) {
            if (!allowed.contains(name)) {
                throw new BadRequestException(name + " : unknown parameter (expected: one of "
                        + (allowed.isEmpty() ? "none" : String.join(", ", allowed)) + ")");
            }
        }
    }
}
