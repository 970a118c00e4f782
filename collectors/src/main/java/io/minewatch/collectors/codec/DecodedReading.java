package io.minewatch.collectors.codec;

import io.minewatch.collectors.Quality;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.quantity.Unit;
import java.util.Objects;

/**
 * A reading as the payload stated it, before validation and enrichment: kind and unit may be absent (null) when the
 * sensor is registered; the value is in {@code unit} (or the kind's canonical unit when absent). The value may be
 * non-finite here: validation rejects it. {@code quality} is the source's own verdict (an OPC UA status code, or a
 * payload's {@code quality} field); null means {@link Quality#GOOD}.
 */
public record DecodedReading(String site, String sensor, double value, long timestampMillis, Kind kind, Unit unit,
        long receivedAtMillis, Quality quality) {

    public DecodedReading {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(sensor, "sensor");
        quality = quality == null ? Quality.GOOD : quality;
    }

    /** A reading its source did not qualify: {@link Quality#GOOD}. */
    public DecodedReading(String site, String sensor, double value, long timestampMillis, Kind kind, Unit unit,
            long receivedAtMillis) {
        this(site, sensor, value, timestampMillis, kind, unit, receivedAtMillis, Quality.GOOD);
    }
}
