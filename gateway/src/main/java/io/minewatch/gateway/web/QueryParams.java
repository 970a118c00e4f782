package io.minewatch.gateway.web;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** Typed access to a request's query parameters, failing with a message that names the parameter. */
final class QueryParams {

    private final Map<String, List<String>> params;

    QueryParams(QueryStringDecoder decoder) {
        this.params = decoder.parameters();
    }

    String string(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0).trim();
    }

    String required(String name) {
        String value = string(name);
        if (value == null) {
            throw new BadRequestException(name + " : missing (expected: a value)");
        }
        return value;
    }

    /** An instant as ISO-8601 ({@code 2025-11-22T10:00:00Z}) or epoch milliseconds; null when absent. */
    Long instantMillis(String name) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        if (value.chars().allMatch(Character::isDigit)) {
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
    Duration duration(String name) {
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
}
