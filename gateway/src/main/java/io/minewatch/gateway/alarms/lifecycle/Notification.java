package io.minewatch.gateway.alarms.lifecycle;

import io.minewatch.gateway.alarms.AlarmEvent;
import java.util.List;
import java.util.Objects;

/**
 * A message to one person (a contact of {@code alarm_handling}): one alarm event, or a digest of the events that
 * came in while the contact's rate limit held messages back.
 *
 * @param contact  the contact id
 * @param atMillis when it is sent
 * @param events   what it tells, oldest first, at least one
 * @param digest   true when it groups events held back
 */
public record Notification(String contact, long atMillis, List<AlarmEvent> events, boolean digest) {

    public Notification {
        Objects.requireNonNull(contact, "contact");
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("events : [] (expected: at least one)");
        }
    }
}
