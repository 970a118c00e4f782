package io.minewatch.gateway.rules;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Source of the ids of alarms and alarm events. Ids must be unique across the whole gateway (several engines, one per
 * event loop, and restarts) and should sort by the time they were made, so that a store can page through events in
 * order by id alone.
 */
@FunctionalInterface
public interface AlarmIds {

    /** A fresh id. */
    String next();

    /** The id of the event {@code cause} makes; by default a fresh one. */
    default String eventId(AlarmCause cause) {
        return next();
    }

    /** The id of the alarm {@code cause} raises; by default a fresh one. */
    default String alarmId(AlarmCause cause) {
        return next();
    }

    /**
     * ULID-style ids (26 Crockford base-32 characters: 48 bits of {@code clock} milliseconds, 80 random bits that
     * count up within a millisecond). Thread-safe; ids from one instance strictly increase even if the clock steps
     * back, and ids from different instances do not collide.
     */
    static AlarmIds timeOrdered(Clock clock) {
        return new UlidAlarmIds(clock, new SecureRandom());
    }

    /**
     * Ids of alarms and events derived from their {@link AlarmCause} (see {@link CausalAlarmIds}), so that a
     * transition made again from the same reading has the same id; other ids as {@link #timeOrdered}.
     */
    static AlarmIds fromCauses(Clock clock) {
        return new CausalAlarmIds(timeOrdered(clock));
    }
}
