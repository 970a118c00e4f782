package io.minewatch.gateway.maintenance;

import io.minewatch.config.quantity.Kind;
import java.util.Objects;

/**
 * One maintenance or calibration window of one sensor: while it lasts ({@code untilMillis} in the future) the sensor's
 * alarms are suppressed. It is itself shown as an alarm of rule {@code maintenance} with id {@code alarmId}, so that
 * control room, journal and regulator see the suppression.
 *
 * @param sensor          sensor id
 * @param site            site of the sensor
 * @param kind            kind of the sensor
 * @param reason          why, as given
 * @param by              who started it: a person's name, or {@code configuration}
 * @param startedAtMillis when it started
 * @param untilMillis     when it ends by itself
 * @param alarmId         id of its {@code maintenance} alarm
 */
public record Maintenance(String sensor, String site, Kind kind, String reason, String by, long startedAtMillis,
        long untilMillis, String alarmId) {

    /** {@link #by()} of a window set in the configuration file. */
    public static final String CONFIGURATION = "configuration";

    public Maintenance {
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(alarmId, "alarmId");
        if (untilMillis <= startedAtMillis) {
            throw new IllegalArgumentException("untilMillis : " + untilMillis + " (expected: after startedAtMillis "
                    + startedAtMillis + ")");
        }
    }

    public boolean isActiveAt(long millis) {
        return millis < untilMillis;
    }
}
