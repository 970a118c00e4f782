package io.minewatch.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One thing wrong in a configuration file: where it is, which key, the value found and what was expected.
 *
 * @param file     the file, as named to the loader
 * @param line     1-based line of the offending node; 0 when the problem concerns the whole file
 * @param key      dotted path of the key, e.g. {@code sites[0].sensors[2].kind}; empty for the whole document
 * @param value    the value found, as written (empty when the key is missing)
 * @param expected what would have been accepted, e.g. {@code one of ch4, co, o2}
 */
public record ConfigProblem(Path file, int line, String key, String value, String expected) {

    public ConfigProblem {
        Objects.requireNonNull(file, "file");
        key = key == null ? "" : key;
        value = value == null ? "" : value;
        expected = expected == null ? "" : expected;
        if (line < 0) {
            throw new IllegalArgumentException("line : " + line + " (expected: >= 0)");
        }
    }

    /** {@code FILE:LINE: KEY: 'VALUE' (expected: ...)}, the line left out when it is 0. */
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (key.isEmpty() ? "(document)" : key) + ": '" + value
                + "' (expected: " + expected + ")";
    }
}
