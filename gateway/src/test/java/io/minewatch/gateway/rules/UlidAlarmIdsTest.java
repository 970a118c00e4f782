package io.minewatch.gateway.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UlidAlarmIdsTest {

    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /** A clock the test moves by hand. */
    private static final class SteppedClock extends Clock {
        long millis;

        SteppedClock(long millis) {
            this.millis = millis;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    private static long decodeTime(String id) {
        long millis = 0;
        for (int i = 0; i < 10; i++) {
            millis = millis * 32 + CROCKFORD.indexOf(id.charAt(i));
        }
        return millis;
    }

    @Test
    void idsAreTwentySixCrockfordCharactersStartingWithTheTime() {
        SteppedClock clock = new SteppedClock(1_763_809_200_123L);
        String id = new UlidAlarmIds(clock, new Random(1)).next();

        assertThat(id).hasSize(26).matches("[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(decodeTime(id)).isEqualTo(1_763_809_200_123L);
    }

    @Test
    void idsStrictlyIncreaseWithinAMillisecondAcrossMillisecondsAndWhenTheClockStepsBack() {
        SteppedClock clock = new SteppedClock(1_763_809_200_000L);
        UlidAlarmIds ids = new UlidAlarmIds(clock, new Random(7));
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            made.add(ids.next());
            if (i % 100 == 99) {
                clock.millis += i % 200 == 99 ? 5 : -50;
            }
        }

        assertThat(made).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void incrementCarriesAcrossTheLowSixtyFourBits() {
        assertThat(UlidAlarmIds.encode(1, 0, -1L)).isLessThan(UlidAlarmIds.encode(1, 1, 0));
        assertThat(UlidAlarmIds.encode(1, 0, -1L)).endsWith("FZZZZZZZZZZZZ");
    }

    @Test
    void twoGeneratorsOnTheSameClockDoNotCollide() {
        Clock clock = Clock.fixed(Instant.ofEpochMilli(1_763_809_200_000L), ZoneOffset.UTC);
        AlarmIds a = AlarmIds.timeOrdered(clock);
        AlarmIds b = AlarmIds.timeOrdered(clock);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(a.next());
            seen.add(b.next());
        }

        assertThat(seen).hasSize(20_000);
    }
}
