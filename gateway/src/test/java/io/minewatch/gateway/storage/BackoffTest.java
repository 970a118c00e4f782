package io.minewatch.gateway.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void defaultDoublesFromOneHundredMillisecondsToFiveSecondsThenStays() {
        List<Long> delays = new ArrayList<>();
        Duration delay = Backoff.DEFAULT.initial();
        for (int i = 0; i < 9; i++) {
            delays.add(delay.toMillis());
            delay = Backoff.DEFAULT.next(delay);
        }

        assertThat(delays).containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L);
    }

    @Test
    void refusesAMaximumBelowTheInitialDelay() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max : PT1S (expected: >= initial PT2S)");
    }
}
