package io.minewatch.collectors;

import java.util.Locale;

/** How far a reading can be trusted; only {@link #GOOD} readings raise threshold alarms. */
public enum Quality {
    GOOD, UNCERTAIN, BAD;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
