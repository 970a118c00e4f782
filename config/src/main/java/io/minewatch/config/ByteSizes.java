package io.minewatch.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as written in configuration: {@code 512MiB}, {@code 1GiB}, {@code 1.5GiB}, {@code 200MB}, or a bare number of
 * bytes. {@code kB}, {@code MB}, {@code GB}, {@code TB} are powers of 1000; {@code KiB}, {@code MiB}, {@code GiB},
 * {@code TiB} powers of 1024. Units are read without regard to case ({@code mib} is {@code MiB}).
 */
final class ByteSizes {

    static final String EXPECTED = "a size such as 512MiB, 1GiB or 200MB (units B, kB, MB, GB, TB, KiB, MiB, GiB, TiB)";

    private static final Pattern SIZE = Pattern.compile("(\\d{1,19}(?:\\.\\d{1,9})?)\\s*([A-Za-z]*)");
    private static final long KIB = 1024;
    private static final String[] BINARY = {"TiB", "GiB", "MiB", "KiB"};
    private static final String[] DECIMAL = {"TB", "GB", "MB", "kB"};

    private ByteSizes() {
    }

    /** The number of bytes written in {@code text} (fractions of a byte dropped), or empty when it is none. */
    static OptionalLong parse(String text) {
        Matcher matcher = SIZE.matcher(text.trim());
        if (!matcher.matches()) {
            return OptionalLong.empty();
        }
        long unit = switch (matcher.group(2).toUpperCase(Locale.ROOT)) {
            case "", "B" -> 1;
            case "KB" -> 1_000L;
            case "MB" -> 1_000_000L;
            case "GB" -> 1_000_000_000L;
            case "TB" -> 1_000_000_000_000L;
            case "KIB" -> KIB;
            case "MIB" -> KIB * KIB;
            case "GIB" -> KIB * KIB * KIB;
            case "TIB" -> KIB * KIB * KIB * KIB;
            default -> -1;
        };
        if (unit < 0 || (unit == 1 && matcher.group(1).contains("."))) {
            return OptionalLong.empty();
        }
        BigDecimal bytes = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(unit));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(bytes.longValue());
    }

    /** The largest unit that states {@code bytes} exactly, binary first: {@code 1GiB}, {@code 200MB}, {@code 10B}. */
    static String format(long bytes) {
        for (int i = 0; i < BINARY.length; i++) {
            long unit = 1L << (10 * (BINARY.length - i));
            if (bytes != 0 && bytes % unit == 0) {
                return bytes / unit + BINARY[i];
            }
        }
        long unit = 1_000_000_000_000L;
        for (String name : DECIMAL) {
            if (bytes != 0 && bytes % unit == 0) {
                return bytes / unit + name;
            }
            unit /= 1000;
        }
        return bytes + "B";
    }
}
