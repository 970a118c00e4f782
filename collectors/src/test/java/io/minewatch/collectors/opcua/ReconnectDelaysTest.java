package io.minewatch.collectors.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ReconnectDelaysTest {

    @Test
    void doublesFromTheMinimumUpToTheMaximumAndStartsOverAfterAReset() {
        ReconnectDelays delays = new ReconnectDelays(Duration.ofMillis(500), Duration.ofSeconds(2));

        assertThat(LongStream.generate(delays::next).limit(5)).containsExactly(500L, 1000L, 2000L, 2000L, 2000L);
        delays.reset();
        assertThat(delays.next()).isEqualTo(500L);
    }

    @Test
    void neverExceedsAMaximumThatIsNotAPowerOfTwoOfTheMinimum() {
        ReconnectDelays delays = new ReconnectDelays(Duration.ofMillis(300), Duration.ofMillis(1000));

        assertThat(LongStream.generate(delays::next).limit(4)).containsExactly(300L, 600L, 1000L, 1000L);
    }

    @Test
    void refusesAMaximumBelowTheMinimum() {
        assertThatThrownBy(() -> new ReconnectDelays(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessage("reconnectMax : PT1S (expected: >= reconnectMin PT2S)");
    }
}
