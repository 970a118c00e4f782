package io.minewatch.gateway.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmJson;
import io.minewatch.gateway.alarms.AlarmTransition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Alarm events and journals for the journal and uplink tests. */
public final class JournalFixtures {

    public static final long T0 = 1_763_809_200_000L;
    public static final ObjectMapper MAPPER = new ObjectMapper();
    public static final AlarmJson JSON = new AlarmJson(MAPPER);
    public static final JournalFormat FORMAT = new JournalFormat(MAPPER);

    private JournalFixtures() {
    }

    /** Event {@code n}: raised on even n, cleared on odd, on sensor CM01-CH4-T{n % 3}. */
    public static AlarmEvent event(int n) {
        boolean raise = n % 2 == 0;
        return new AlarmEvent("ev-" + n, "alarm-" + (n / 2), raise ? AlarmTransition.RAISED : AlarmTransition.CLEARED,
                "CM01", "CM01-CH4-T" + (n % 3), Kind.CH4, "ch4", "alarm", Level.ORANGE, raise ? null : Level.ORANGE,
                1.0, raise ? 1.2 : 0.6, T0 + n * 1000L, T0 + n * 1000L + 7, true,
                n % 5 == 0 ? Map.of("note", "line " + n) : Map.of());
    }

    public static List<AlarmEvent> events(int from, int toExclusive) {
        List<AlarmEvent> events = new ArrayList<>();
        for (int n = from; n < toExclusive; n++) {
            events.add(event(n));
        }
        return events;
    }

    public static AlarmJournal open(Path directory) throws JournalException {
        return open(directory, AlarmJournal.DEFAULT_SEGMENT_BYTES);
    }

    public static AlarmJournal open(Path directory, long segmentBytes) throws JournalException {
        return AlarmJournal.open(directory, segmentBytes, JSON, new SimpleMeterRegistry());
    }

    /** A journal directory holding events 0 to {@code count - 1}. */
    public static void write(Path directory, int count) throws JournalException {
        try (AlarmJournal journal = open(directory)) {
            journal.appendDurably(events(0, count), Duration.ofSeconds(10));
        }
    }

    public static Path onlyFile(Path directory) throws IOException {
        List<JournalSegments.Segment> segments = JournalSegments.list(directory);
        if (segments.size() != 1) {
            throw new IllegalStateException("expected one journal file in " + directory + ", found " + segments);
        }
        return segments.get(0).file();
    }

    public static List<String> lines(Path file) throws IOException {
        return new ArrayList<>(Files.readAllLines(file));
    }
}
