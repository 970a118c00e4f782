package io.minewatch.gateway.live;

import java.util.OptionalLong;

/**
 * When a sensor's latest value stops counting as live: after three of the sensor's own reporting periods (smoothed,
 * at least 3 s), so a gas sensor reporting every second is stale after a few seconds and a pond gauge reporting every
 * ten minutes only after half an hour; while a sensor's period is not yet known, after {@code defaultMillis}. The
 * control room page applies the same rule to the readings it receives.
 */
public final class Staleness {

    static final int PERIODS = 3;
    static final long FLOOR_MILLIS = 3_000;

    private final LiveBoard live;
    private final long defaultMillis;

    public Staleness(LiveBoard live, long defaultMillis) {
        this.live = live;
        this.defaultMillis = defaultMillis;
    }

    public long staleAfterMillis(String sensor) {
        OptionalLong period = live.periodMillis(sensor);
        return period.isPresent() ? Math.max(PERIODS * period.getAsLong(), FLOOR_MILLIS) : defaultMillis;
    }

    /** For a sensor whose period is unknown. */
    public long defaultMillis() {
        return defaultMillis;
    }
}
