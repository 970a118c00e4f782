package io.minewatch.gateway.history.http;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Typed query parameters of the history, replay and what-if routes; bad ones fail naming the parameter. */
public final class Params {

    private final Map<String, List<String>> params;

    public Params(Map<String, List<String>> params) {
        this.params = params;
    }

    public String string(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0).trim();
    }

    /** Every value of {@code name}, each split at commas: {@code sensors=a,b&sensors=c}. */
    public List<String> list(String name) {
        List<String> all = new ArrayList<>();
        for (String value : params.getOrDefault(name, List.of())) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    all.add(part.trim());
                }
            }
        }
        return all;
    }

    public Long instant(String name) {
        return parseInstant(name, string(name));
    }

    public static Long parseInstant(String name, String value) {
        if (value == null) {
            return null;
        }
        if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(value);
        }
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " : " + value
                    + " (expected: ISO-8601 like 2025-11-22T10:00:00Z, or epoch milliseconds)");
        }
    }

    public Duration duration(String name) {
        return parseDuration(name, string(name));
    }

    /** {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 1d} or ISO {@code PT1M}; null when absent. */
    public static Duration parseDuration(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            if (value.startsWith("P") || value.startsWith("p")) {
                return positive(Duration.parse(value.toUpperCase(Locale.ROOT)), value);
            }
            String unit = value.replaceAll("^[0-9]+", "");
            long amount = Long.parseLong(value.substring(0, value.length() - unit.length()));
            return positive(switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> throw new NumberFormatException(unit);
            }, value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " : " + value
                    + " (expected: a positive duration like 10s, 5m, 1h, 1d)");
        }
    }

    private static Duration positive(Duration duration, String value) {
        if (duration.isZero() || duration.isNegative()) {
            throw new NumberFormatException(value);
        }
        return duration;
    }
}
