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

    String next();

    /**
     * ULID-style ids (26 Crockford base-32 characters: 48 bits of {@code clock} milliseconds, 80 random bits that
     * count up within a millisecond). Thread-safe; ids from one instance strictly increase even if the clock steps
     * back, and ids from different instances do not collide.
     */
    static AlarmIds timeOrdered(Clock clock) {
        return new UlidAlarmIds(clock, new SecureRandom());
    }
}
