package io.minewatch.gateway.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_000), ZoneOffset.UTC);

    @Test
    void startsWithOneSecondsWorthAndRefillsAtTheRate() {
        TokenBucket bucket = new TokenBucket(1000, clock);

        assertThat(bucket.millisUntil(1000)).isZero();
        bucket.take(1000);
        assertThat(bucket.millisUntil(100)).isEqualTo(100);

        clock.advance(Duration.ofMillis(40));
        assertThat(bucket.millisUntil(100)).isEqualTo(60);
        clock.advance(Duration.ofMillis(60));
        assertThat(bucket.millisUntil(100)).isZero();
    }

    @Test
    void goesIntoDebtForALargeTakeSoThatTheAverageRateHolds() {
        TokenBucket bucket = new TokenBucket(1000, clock);

        bucket.take(3000);

        assertThat(bucket.millisUntil(100)).isEqualTo(2100);
    }

    @Test
    void neverHoldsMoreThanOneSecondsWorthAndAsksNoMoreThanThatForALargerChunk() {
        TokenBucket bucket = new TokenBucket(1000, clock);
        clock.advance(Duration.ofHours(1));
        bucket.take(1000);

        assertThat(bucket.millisUntil(5000)).as("waits for a full bucket, not for 5000").isEqualTo(1000);
    }

    @Test
    void ignoresAClockThatStepsBack() {
        TokenBucket bucket = new TokenBucket(1000, clock);
        bucket.take(1000);
        clock.advance(Duration.ofSeconds(-30));

        assertThat(bucket.millisUntil(100)).isEqualTo(100);
    }

    @Test
    void refusesARateBelowOne() {
        assertThatThrownBy(() -> new TokenBucket(0, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("perSecond : 0 (expected: > 0)");
    }
}
