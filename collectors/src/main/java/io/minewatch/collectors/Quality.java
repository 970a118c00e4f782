package io.minewatch.collectors;

import java.util.Locale;
import java.util.Optional;

/** How far a reading can be trusted; only {@link #GOOD} readings raise threshold alarms. */
public enum Quality {
    GOOD, UNCERTAIN, BAD;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The quality whose {@link #id()} is {@code id}, ignoring case. */
    public static Optional<Quality> byId(String id) {
        for (Quality quality : values()) {
            if (quality.id().equalsIgnoreCase(id)) {
                return Optional.of(quality);
            }
        }
        return Optional.empty();
    }
}
