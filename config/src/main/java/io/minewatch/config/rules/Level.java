package io.minewatch.config.rules;

import java.util.Locale;
import java.util.Optional;

/** Early-warning levels, ordered by severity: blue (1) &lt; yellow (2) &lt; orange (3) &lt; red (4). */
public enum Level {
    BLUE(1), YELLOW(2), ORANGE(3), RED(4);

    private final int severity;

    Level(int severity) {
        this.severity = severity;
    }

    public int severity() {
        return severity;
    }

    /** Lower-case name used in configuration, JSON and InfluxDB tags. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isAbove(Level other) {
        return severity > other.severity;
    }

    public static Optional<Level> byId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        for (Level level : values()) {
            if (level.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
