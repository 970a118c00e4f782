package io.minewatch.gateway.rules;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Ids derived from their cause: a ULID whose time is the reading's and whose 80 further bits are the start of the
 * SHA-256 of the cause. The same reading evaluated again in the same state (a redelivery after a crash) yields the
 * same ids; ids still sort by reading time. {@link #next()} gives fresh time-ordered ids for what has no reading.
 */
final class CausalAlarmIds implements AlarmIds {

    private static final long MAX_TIME = (1L << 48) - 1;
    private static final long HIGH_MASK = 0xFFFFL;

    private final AlarmIds fresh;

    CausalAlarmIds(AlarmIds fresh) {
        this.fresh = fresh;
    }

    @Override
    public String next() {
        return fresh.next();
    }

    @Override
    public String eventId(AlarmCause cause) {
        return id(cause, "event");
    }

    @Override
    public String alarmId(AlarmCause cause) {
        return id(cause, "alarm");
    }

    private static String id(AlarmCause cause, String what) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 : missing (expected: in every Java runtime)", e);
        }
        for (String part : new String[] {what, cause.site(), cause.sensor(), cause.ruleId(),
                cause.transition().id(), cause.levelName()}) {
            sha256.update(part.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
        }
        sha256.update(ByteBuffer.allocate(16).putLong(cause.readingTimestampMillis())
                .putLong(Double.doubleToLongBits(cause.value())).array());
        ByteBuffer digest = ByteBuffer.wrap(sha256.digest());
        long high = digest.getShort() & HIGH_MASK;
        long low = digest.getLong();
        long millis = Math.max(0, Math.min(cause.readingTimestampMillis(), MAX_TIME));
        return UlidAlarmIds.encode(millis, high, low);
    }
}
