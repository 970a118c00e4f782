package io.minewatch.simulators.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code --name value} options of a simulator command; an unknown option or a missing value is a usage error. */
final class CommandLine {

    /** A command line that cannot be understood; the message says what was wrong. */
    static final class UsageError extends Exception {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }

    private final Map<String, String> values = new HashMap<>();

    CommandLine(String[] args, List<String> known) throws UsageError {
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!known.contains(name)) {
                throw new UsageError("unknown option '" + name + "' (expected: one of " + known + ")");
            }
            if (i + 1 >= args.length) {
                throw new UsageError(name + " : missing value");
            }
            values.put(name, args[++i]);
        }
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    String require(String name) throws UsageError {
        return get(name).orElseThrow(() -> new UsageError(name + " : missing (expected: " + name + " VALUE)"));
    }

    double number(String name, double fallback, double min, double max) throws UsageError {
        Optional<String> text = get(name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(text.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageError(name + " : " + text.get() + " (expected: a number from " + min + " to " + max + ")");
    }
}
