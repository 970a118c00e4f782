package io.minewatch.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as written in configuration: {@code 250ms}, {@code 5s}, {@code 5m}, {@code 6h}, {@code 1d}, or ISO-8601. */
final class Durations {

    static final String EXPECTED = "a duration such as 250ms, 5s, 5m, 6h, 1d or ISO-8601 PT5S";

    private static final Pattern SHORT = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /** The duration written in {@code text}, or empty when it is none (negative durations are none either). */
    static Optional<Duration> parse(String text) {
        String trimmed = text.trim();
        Matcher matcher = SHORT.matcher(trimmed);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return Optional.of(switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        if (trimmed.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                Duration duration = Duration.parse(trimmed);
                return duration.isNegative() ? Optional.empty() : Optional.of(duration);
            } catch (DateTimeParseException | ArithmeticException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The shortest exact short form ({@code 1d}, {@code 6h}, {@code 250ms}), or ISO-8601 for anything finer. */
    static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.getNano() % 1_000_000 != 0 || duration.isNegative()) {
            return duration.toString();
        }
        long millis = duration.toMillis();
        if (millis % 86_400_000 == 0) {
            return millis / 86_400_000 + "d";
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }
}
