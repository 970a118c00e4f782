package io.minewatch.collectors.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minewatch.collectors.reject.RejectReason;
import io.minewatch.collectors.reject.Rejection;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.quantity.Unit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReadingValidatorTest {

    private static final Instant NOW = Instant.parse("2025-11-22T10:00:00Z");
    private static final long NOW_MILLIS = NOW.toEpochMilli();

    private final ReadingValidator validator =
            new ReadingValidator(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));

    private static DecodedReading reading(double value, long ts, Kind kind, Unit unit) {
        return new DecodedReading("CM01", "CM01-CH4-T1", value, ts, kind, unit, NOW_MILLIS);
    }

    @Test
    void acceptsFiniteReadingStampedNow() {
        assertThat(validator.check(reading(0.42, NOW_MILLIS, Kind.CH4, Unit.PERCENT), "b", "t")).isEmpty();
    }

    @Test
    void acceptsReadingWithoutKindOrUnit() {
        assertThat(validator.check(reading(0.42, NOW_MILLIS, null, Unit.PPM), "b", "t")).isEmpty();
        assertThat(validator.check(reading(0.42, NOW_MILLIS, Kind.CO, null), "b", "t")).isEmpty();
    }

    @Test
    void acceptsConvertibleUnit() {
        assertThat(validator.check(reading(4200, NOW_MILLIS, Kind.CH4, Unit.PPM), "b", "t")).isEmpty();
    }

    @Test
    void rejectsNaNValue() {
        assertThat(validator.check(reading(Double.NaN, NOW_MILLIS, Kind.CH4, null), "site-broker", "minewatch/a/b"))
                .get().satisfies(r -> {
                    assertThat(r.reason()).isEqualTo(RejectReason.NON_FINITE_VALUE);
                    assertThat(r.source()).isEqualTo("site-broker");
                    assertThat(r.topic()).isEqualTo("minewatch/a/b");
                    assertThat(r.atMillis()).isEqualTo(NOW_MILLIS);
                    assertThat(r.excerpt()).contains("\"sensor\":\"CM01-CH4-T1\"").contains("NaN");
                });
    }

    @Test
    void rejectsInfiniteValues() {
        assertThat(validator.check(reading(Double.POSITIVE_INFINITY, NOW_MILLIS, null, null), "b", "t"))
                .map(Rejection::reason).contains(RejectReason.NON_FINITE_VALUE);
        assertThat(validator.check(reading(Double.NEGATIVE_INFINITY, NOW_MILLIS, null, null), "b", "t"))
                .map(Rejection::reason).contains(RejectReason.NON_FINITE_VALUE);
    }

    @Test
    void acceptsTimestampExactlyAtTheSkewLimit() {
        long limit = NOW_MILLIS + Duration.ofMinutes(5).toMillis();

        assertThat(validator.check(reading(1, limit, null, null), "b", "t")).isEmpty();
    }

    @Test
    void rejectsTimestampBeyondTheSkewLimit() {
        long beyond = NOW_MILLIS + Duration.ofMinutes(5).toMillis() + 1;

        assertThat(validator.check(reading(1, beyond, null, null), "b", "t")).get().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectReason.FUTURE_TIMESTAMP);
            assertThat(r.detail()).isEqualTo("ts : 2025-11-22T10:05:00.001Z (expected: at most PT5M after "
                    + "2025-11-22T10:00:00Z)");
        });
    }

    @Test
    void rejectsFarFutureTimestampWithoutOverflow() {
        assertThat(validator.check(reading(1, Long.MAX_VALUE, null, null), "b", "t"))
                .map(Rejection::reason).contains(RejectReason.FUTURE_TIMESTAMP);
    }

    @Test
    void acceptsOldTimestamps() {
        assertThat(validator.check(reading(1, NOW_MILLIS - Duration.ofDays(30).toMillis(), null, null), "b", "t"))
                .isEmpty();
    }

    @Test
    void rejectsUnitNotConvertibleToTheKind() {
        assertThat(validator.check(reading(1, NOW_MILLIS, Kind.WATER_LEVEL, Unit.PPM), "b", "t")).get()
                .satisfies(r -> {
                    assertThat(r.reason()).isEqualTo(RejectReason.BAD_UNIT);
                    assertThat(r.detail()).isEqualTo("unit : ppm (expected: a unit convertible to m for kind "
                            + "water_level)");
                });
    }

    @Test
    void refusesNegativeSkew() {
        assertThatThrownBy(() -> new ReadingValidator(Clock.systemUTC(), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxFutureSkew : PT-1S (expected: >= 0)");
    }
}
