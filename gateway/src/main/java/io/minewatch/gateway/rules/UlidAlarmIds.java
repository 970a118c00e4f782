package io.minewatch.gateway.rules;

import java.time.Clock;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Monotonic ULIDs. The random part is drawn afresh when the millisecond moves on and incremented otherwise, so ids of
 * one instance strictly increase; the 80 random bits keep instances apart. Called only on alarm transitions, so the
 * monitor is never contended in the reading path.
 */
final class UlidAlarmIds implements AlarmIds {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final long MAX_TIME = (1L << 48) - 1;
    private static final long HIGH_MASK = 0xFFFFL;

    private final Clock clock;
    private final RandomGenerator random;
    private long lastMillis = -1;
    private long randomHigh;
    private long randomLow;

    UlidAlarmIds(Clock clock, RandomGenerator random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public synchronized String next() {
        long millis = Math.max(0, Math.min(clock.millis(), MAX_TIME));
        if (millis > lastMillis) {
            lastMillis = millis;
            randomHigh = random.nextLong() & HIGH_MASK;
            randomLow = random.nextLong();
        } else {
            // Same millisecond, or the clock stepped back: count up from the last id instead of going backwards.
            randomLow++;
            if (randomLow == 0) {
                randomHigh = (randomHigh + 1) & HIGH_MASK;
                if (randomHigh == 0) {
                    lastMillis++;
                }
            }
        }
        return encode(lastMillis, randomHigh, randomLow);
    }

    static String encode(long millis, long high, long low) {
        char[] chars = new char[26];
        for (int i = 0; i < 10; i++) {
            chars[i] = CROCKFORD[(int) (millis >>> (45 - 5 * i)) & 31];
        }
        for (int i = 0; i < 16; i++) {
            int shift = 75 - 5 * i;
            long bits;
            if (shift >= 64) {
                bits = high >>> (shift - 64);
            } else if (shift + 5 <= 64) {
                bits = low >>> shift;
            } else {
                bits = (high << (64 - shift)) | (low >>> shift);
            }
            chars[10 + i] = CROCKFORD[(int) bits & 31];
        }
        return new String(chars);
    }
}
