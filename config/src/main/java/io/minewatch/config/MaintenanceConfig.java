package io.minewatch.config;

import java.time.Instant;
import java.util.Objects;

/**
 * A maintenance or calibration window set in the configuration ({@code conditions.maintenance}): while it lasts the
 * sensor's alarms are suppressed, visibly; it ends by itself at {@code until}.
 *
 * @param sensor a registered sensor id
 * @param reason why, shown wherever the sensor is shown (e.g. "calibration with 2 % CH4 test gas")
 * @param until  when the window ends
 */
public record MaintenanceConfig(String sensor, String reason, Instant until) {

    public MaintenanceConfig {
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(until, "until");
        reason = reason == null || reason.isBlank() ? "maintenance" : reason.strip();
    }
}
