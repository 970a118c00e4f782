package io.minewatch.collectors.codec;

import io.minewatch.collectors.reject.RejectReason;
import io.minewatch.collectors.reject.Rejection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a decoded reading before it is enriched: the value must be finite, a stated unit must fit a stated kind,
 * and the timestamp may lie at most {@code maxFutureSkew} ahead of this gateway's clock (a device clock running far
 * ahead would otherwise make its readings look live long after they stopped). Stateless and thread-safe.
 */
public final class ReadingValidator {

    private final Clock clock;
    private final long maxFutureSkewMillis;

    public ReadingValidator(Clock clock, Duration maxFutureSkew) {
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("maxFutureSkew : " + maxFutureSkew + " (expected: >= 0)");
        }
        this.maxFutureSkewMillis = maxFutureSkew.toMillis();
    }

    /** Empty when {@code reading} may go on; otherwise why not, naming {@code source} and {@code topic}. */
    public Optional<Rejection> check(DecodedReading reading, String source, String topic) {
        if (!Double.isFinite(reading.value())) {
            return reject(reading, RejectReason.NON_FINITE_VALUE,
                    "value : " + reading.value() + " (expected: a finite number)", source, topic);
        }
        if (reading.kind() != null && reading.unit() != null
                && !reading.unit().convertibleTo(reading.kind().canonicalUnit())) {
            return reject(reading, RejectReason.BAD_UNIT, "unit : " + reading.unit().symbol()
                    + " (expected: a unit convertible to " + reading.kind().canonicalUnit().symbol() + " for kind "
                    + reading.kind().id() + ")", source, topic);
        }
        long now = clock.millis();
        long latest = now + maxFutureSkewMillis;
        if (reading.timestampMillis() > (latest < now ? Long.MAX_VALUE : latest)) {
            return reject(reading, RejectReason.FUTURE_TIMESTAMP,
                    "ts : " + Instant.ofEpochMilli(reading.timestampMillis()) + " (expected: at most "
                            + Duration.ofMillis(maxFutureSkewMillis) + " after " + Instant.ofEpochMilli(now) + ")",
                    source, topic);
        }
        return Optional.empty();
    }

    private Optional<Rejection> reject(DecodedReading reading, RejectReason reason, String detail, String source,
            String topic) {
        return Optional.of(new Rejection(reason, detail, source, topic, describe(reading), clock.millis()));
    }

    private static String describe(DecodedReading r) {
        return "{\"site\":\"" + r.site() + "\",\"sensor\":\"" + r.sensor() + "\",\"value\":" + r.value()
                + ",\"ts\":" + r.timestampMillis()
                + (r.kind() == null ? "" : ",\"kind\":\"" + r.kind().id() + "\"")
                + (r.unit() == null ? "" : ",\"unit\":\"" + r.unit().symbol() + "\"") + "}";
    }
}
