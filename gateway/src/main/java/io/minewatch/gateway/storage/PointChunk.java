package io.minewatch.gateway.storage;

import io.minewatch.collectors.Reading;
import io.minewatch.gateway.alarms.AlarmEvent;
import java.util.List;

/**
 * A slice of a batch: readings then events, addressed as one sequence so that a batch can be cut into writes of a
 * given size, or halved, across both lists without copying.
 */
record PointChunk(List<Reading> readings, List<AlarmEvent> events) {

    int size() {
        return readings.size() + events.size();
    }

    /** Points {@code [from, to)} of the sequence readings-then-events. */
    PointChunk slice(int from, int to) {
        int split = readings.size();
        return new PointChunk(readings.subList(Math.min(from, split), Math.min(to, split)),
                events.subList(Math.max(from - split, 0), Math.max(to - split, 0)));
    }

    /** The only point of a one-point chunk, for the dead-letter log. */
    String describeSingle() {
        return readings.isEmpty() ? events.get(0).toString() : readings.get(0).toString();
    }
}
