package io.minewatch.gateway.storage;

import io.minewatch.collectors.Reading;
import io.minewatch.gateway.alarms.AlarmEvent;
import java.util.List;
import java.util.Objects;

/**
 * One entry of the {@link Spool}: part or all of a batch appended in one transaction.
 *
 * @param id               position in the spool; later appends have larger ids
 * @param appendedAtMillis when it was appended
 */
public record SpoolEntry(long id, long appendedAtMillis, List<Reading> readings, List<AlarmEvent> events) {

    public SpoolEntry {
        readings = List.copyOf(Objects.requireNonNull(readings, "readings"));
        events = List.copyOf(Objects.requireNonNull(events, "events"));
    }

    public int points() {
        return readings.size() + events.size();
    }
}
