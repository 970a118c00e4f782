package io.minewatch.collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    @Test
    void doublesFromTheMinimumUpToTheMaximum() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

        long[] delays = LongStream.range(0, 8).map(i -> backoff.nextDelayMillis()).toArray();

        assertThat(delays).containsExactly(1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000);
    }

    @Test
    void startsAgainAtTheMinimumAfterReset() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        backoff.nextDelayMillis();
        backoff.nextDelayMillis();

        backoff.reset();

        assertThat(backoff.nextDelayMillis()).isEqualTo(100);
    }

    @Test
    void refusesMaximumBelowMinimum() {
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reconnectMax : PT1S (expected: >= reconnectMin PT5S)");
    }
}
