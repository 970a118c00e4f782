package io.minewatch.collectors.codec;

import io.minewatch.config.quantity.Kind;
import io.minewatch.config.quantity.Unit;
import java.util.Objects;

/**
 * A reading as the payload stated it, before validation and enrichment: kind and unit may be absent (null) when the
 * sensor is registered; the value is in {@code unit} (or the kind's canonical unit when absent). The value may be
 * non-finite here: validation rejects it.
 */
public record DecodedReading(String site, String sensor, double value, long timestampMillis, Kind kind, Unit unit,
        long receivedAtMillis) {

    public DecodedReading {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(sensor, "sensor");
    }
}
