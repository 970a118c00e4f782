package io.minewatch.collectors;

import io.minewatch.config.quantity.Kind;
import java.util.Objects;

/**
 * A reading after enrichment: the value is in its kind's canonical unit, the sensor's site and kind are known.
 *
 * @param site             site id
 * @param sensor           sensor id, unique across sites
 * @param kind             the measured quantity; {@code kind.canonicalUnit()} is the unit of {@code value}
 * @param value            finite value in the canonical unit
 * @param timestampMillis  measurement time, epoch milliseconds (the sensor's, or the receive time when it sent none)
 * @param quality          trust in the value
 * @param registered       false for a sensor not in the configuration, evaluated under its kind's default profile
 * @param receivedAtMillis when the gateway received it
 */
public record Reading(String site, String sensor, Kind kind, double value, long timestampMillis, Quality quality,
        boolean registered, long receivedAtMillis) {

    public Reading {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(quality, "quality");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value : " + value + " (expected: a finite number)");
        }
    }
}
