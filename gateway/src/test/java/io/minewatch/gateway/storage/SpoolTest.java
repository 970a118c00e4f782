package io.minewatch.gateway.storage;

import static io.minewatch.gateway.storage.Samples.T0;
import static io.minewatch.gateway.storage.Samples.ch4;
import static io.minewatch.gateway.storage.Samples.escalated;
import static io.minewatch.gateway.storage.Samples.raised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minewatch.collectors.Quality;
import io.minewatch.collectors.Reading;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SpoolTest {

    private static final long LARGE = 1L << 30;

    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(T0), ZoneOffset.UTC);
    private final List<Spool> opened = new ArrayList<>();

    @AfterEach
    void closeSpools() {
        opened.forEach(Spool::close);
    }

    private Spool open(long maxBytes) throws Exception {
        Spool spool = Spool.open(directory, maxBytes, clock);
        opened.add(spool);
        return spool;
    }

    private static List<Reading> readings(String sensor, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> ch4(sensor, T0 + i * 1000L, i / 1000.0)).toList();
    }

    private static List<Reading> readingsOf(List<SpoolEntry> entries) {
        return entries.stream().flatMap(entry -> entry.readings().stream()).toList();
    }

    @Test
    void peeksTheOldestEntriesInTheOrderTheyWereAppended() throws Exception {
        Spool spool = open(LARGE);
        spool.append(readings("S1", 0, 3), List.of(raised("e1", "S1", T0)));
        clock.advance(Duration.ofSeconds(1));
        spool.append(readings("S2", 0, 2), List.of());
        spool.append(readings("S1", 3, 5), List.of());

        List<SpoolEntry> entries = spool.peek(100);

        assertThat(entries).hasSize(3);
        assertThat(entries).extracting(SpoolEntry::id).isSorted();
        assertThat(entries.get(0).readings()).isEqualTo(readings("S1", 0, 3));
        assertThat(entries.get(0).events()).containsExactly(raised("e1", "S1", T0));
        assertThat(entries.get(0).appendedAtMillis()).isEqualTo(T0);
        assertThat(entries.get(1).readings()).isEqualTo(readings("S2", 0, 2));
        assertThat(entries.get(1).appendedAtMillis()).isEqualTo(T0 + 1000);
        assertThat(entries.get(2).readings()).isEqualTo(readings("S1", 3, 5));
        assertThat(spool.points()).isEqualTo(8);
        assertThat(spool.entries()).isEqualTo(3);
        assertThat(spool.oldestAppendedAtMillis()).isEqualTo(T0);
    }

    @Test
    void syncsEveryCommitOfItsWriteAheadLogAndKeepsTheFileToItself() throws Exception {
        Spool spool = open(LARGE);

        assertThat(spool.pragma("journal_mode")).isEqualTo("wal");
        assertThat(spool.pragma("synchronous")).as("FULL").isEqualTo("2");
        assertThat(spool.pragma("locking_mode")).isEqualTo("exclusive");
    }

    @Test
    void peekingStopsBeforeAnEntryThatWouldPassTheLimitButAlwaysReturnsTheOldest() throws Exception {
        Spool spool = open(LARGE);
        spool.append(readings("S1", 0, 5), List.of());
        spool.append(readings("S1", 5, 8), List.of());
        spool.append(readings("S1", 8, 9), List.of());

        assertThat(readingsOf(spool.peek(2))).isEqualTo(readings("S1", 0, 5));
        assertThat(readingsOf(spool.peek(7))).isEqualTo(readings("S1", 0, 5));
        assertThat(readingsOf(spool.peek(8))).isEqualTo(readings("S1", 0, 8));
        assertThat(readingsOf(spool.peek(1000))).isEqualTo(readings("S1", 0, 9));
        assertThat(spool.points()).as("peeking removes nothing").isEqualTo(9);
    }

    @Test
    void cutsALargeBatchIntoEntriesOfAThousandPointsAppendedTogether() throws Exception {
        Spool spool = open(LARGE);
        spool.append(readings("S1", 0, 2500), List.of(raised("e1", "S1", T0)));

        List<SpoolEntry> entries = spool.peek(10_000);

        assertThat(entries).extracting(SpoolEntry::points).containsExactly(1000, 1000, 501);
        assertThat(readingsOf(entries)).isEqualTo(readings("S1", 0, 2500));
        assertThat(entries.get(2).events()).containsExactly(raised("e1", "S1", T0));
        assertThat(spool.entries()).isEqualTo(3);
    }

    @Test
    void removingThroughAnEntryDropsItAndTheOlderOnesButNotLaterAppends() throws Exception {
        Spool spool = open(LARGE);
        spool.append(readings("S1", 0, 2), List.of());
        clock.advance(Duration.ofSeconds(5));
        spool.append(readings("S1", 2, 4), List.of());
        List<SpoolEntry> forwarded = spool.peek(4);
        clock.advance(Duration.ofSeconds(5));
        spool.append(readings("S1", 4, 6), List.of());

        spool.removeThrough(forwarded.get(forwarded.size() - 1).id());

        assertThat(readingsOf(spool.peek(100))).isEqualTo(readings("S1", 4, 6));
        assertThat(spool.points()).isEqualTo(2);
        assertThat(spool.entries()).isEqualTo(1);
        assertThat(spool.oldestAppendedAtMillis()).isEqualTo(T0 + 10_000);

        spool.removeThrough(spool.peek(100).get(0).id());

        assertThat(spool.isEmpty()).isTrue();
        assertThat(spool.peek(100)).isEmpty();
        assertThat(spool.oldestAppendedAtMillis()).isEqualTo(-1);
    }

    @Test
    void keepsEveryFieldOfReadingsAndAlarmEventsExactly() throws Exception {
        Spool spool = open(LARGE);
        List<Reading> readings = List.of(
                new Reading("TP01", "TP01-WL-1", Kind.WATER_LEVEL, -0.0, -86_400_000L, Quality.BAD, false, 7),
                new Reading("CM01", "CM01-CH4-T1", Kind.CH4, Double.MIN_VALUE, T0, Quality.UNCERTAIN, true, T0 - 3),
                new Reading("CM01", "ünïcødé-传感器", Kind.CO, 1e300, Long.MAX_VALUE / 2, Quality.GOOD, true, 0));
        List<AlarmEvent> events = List.of(raised("e1", "CM01-CH4-T1", T0), escalated("e2", "CM01-CH4-T1", T0 + 1),
                new AlarmEvent("e3", "a3", AlarmTransition.ACKNOWLEDGED, "CM01", "S9", Kind.O2, "o2_low", "alarm",
                        Level.ORANGE, Level.ORANGE, Double.NaN, Double.NaN, T0, T0 + 9, true));

        spool.append(readings, events);

        SpoolEntry entry = spool.peek(10).get(0);
        assertThat(entry.readings()).isEqualTo(readings);
        assertThat(entry.events()).isEqualTo(events);
    }

    @Test
    void aReopenedSpoolFindsTheBacklogItWasClosedWith() throws Exception {
        Spool spool = open(LARGE);
        spool.append(readings("S1", 0, 1500), List.of(raised("e1", "S1", T0)));
        clock.advance(Duration.ofMinutes(1));
        spool.append(readings("S2", 0, 10), List.of());
        spool.removeThrough(spool.peek(1).get(0).id());
        long bytes = spool.bytes();
        spool.close();

        Spool reopened = open(LARGE);

        assertThat(reopened.points()).isEqualTo(511);
        assertThat(reopened.entries()).isEqualTo(2);
        assertThat(reopened.bytes()).isEqualTo(bytes);
        assertThat(reopened.oldestAppendedAtMillis()).isEqualTo(T0);
        List<SpoolEntry> entries = reopened.peek(1000);
        assertThat(readingsOf(entries)).isEqualTo(
                concat(readings("S1", 1000, 1500), readings("S2", 0, 10)));
        assertThat(entries.get(0).events()).containsExactly(raised("e1", "S1", T0));
    }

    @Test
    void refusesASecondOpeningOfTheSameDirectory() throws Exception {
        open(LARGE).append(readings("S1", 0, 1), List.of());

        assertThatThrownBy(() -> open(LARGE))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining(Spool.FILE_NAME)
                .hasMessageContaining("another gateway");
    }

    @Test
    void countsTheBytesItHoldsAndRefusesABatchThatWouldPassItsBoundStoringNothingOfIt() throws Exception {
        Spool spool = open(256 * 1024);
        long empty = spool.bytes();
        assertThat(empty).isPositive().isLessThan(32 * 1024);

        List<Reading> batch = readings("S1", 0, 1000);
        int appended = 0;
        SpoolFullException full = null;
        while (full == null) {
            try {
                spool.append(batch, List.of());
                appended++;
            } catch (SpoolFullException e) {
                full = e;
            }
        }

        assertThat(appended).isGreaterThan(3);
        assertThat(full).hasMessageContaining("is full").hasMessageContaining("of 262144 bytes");
        assertThat(spool.points()).isEqualTo(appended * 1000L);
        assertThat(spool.bytes()).isGreaterThan(empty).isLessThanOrEqualTo(256 * 1024);
        assertThat(spool.bytes() / (double) spool.points()).as("bytes per reading").isLessThan(40);

        spool.removeThrough(spool.peek(1000).get(0).id());
        assertThat(spool.bytes()).as("pages freed by forwarding no longer count").isLessThan(256 * 1024 - 20_000);
        spool.append(batch, List.of());
        assertThat(spool.points()).isEqualTo(appended * 1000L);
    }

    @Test
    void givesItsDiskBackOnceEmpty() throws Exception {
        Spool spool = open(LARGE);
        for (int i = 0; i < 1000; i++) {
            spool.append(readings("S" + i, 0, 1000), List.of());
        }
        long full = Files.size(spool.file());
        assertThat(full).isGreaterThan(10L << 20);

        while (!spool.isEmpty()) {
            List<SpoolEntry> entries = spool.peek(50_000);
            spool.removeThrough(entries.get(entries.size() - 1).id());
        }

        assertThat(spool.bytes()).isLessThan(64 * 1024);
        spool.close();
        assertThat(Files.size(spool.file())).isLessThan(1L << 20);
    }

    @Test
    void setsAnUnreadableEntryAsideSoThatTheOnesBehindItCanBeForwarded() throws Exception {
        Spool spool = open(LARGE);
        spool.append(readings("S1", 0, 3), List.of());
        spool.append(readings("S1", 3, 5), List.of());
        spool.append(readings("S1", 5, 6), List.of());
        spool.close();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve(Spool.FILE_NAME));
                Statement damage = raw.createStatement()) {
            damage.executeUpdate("UPDATE entries SET body = x'01ff' WHERE id = 2");
        }
        Spool reopened = open(LARGE);

        assertThat(readingsOf(reopened.peek(100))).as("the readable entries before it").isEqualTo(
                readings("S1", 0, 3));
        reopened.removeThrough(1);
        assertThatThrownBy(() -> reopened.peek(100))
                .isInstanceOfSatisfying(UnreadableSpoolEntryException.class, e -> {
                    assertThat(e.entryId()).isEqualTo(2);
                    assertThat(e.points()).isEqualTo(2);
                })
                .hasMessageContaining("spool entry 2 of 2 points is unreadable");

        reopened.setAside(2, "damaged");

        assertThat(readingsOf(reopened.peek(100))).isEqualTo(readings("S1", 5, 6));
        assertThat(reopened.points()).isEqualTo(1);
        reopened.close();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve(Spool.FILE_NAME));
                Statement query = raw.createStatement();
                var row = query.executeQuery("SELECT id, points, reason FROM unreadable")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getLong(1)).isEqualTo(2);
            assertThat(row.getInt(2)).isEqualTo(2);
            assertThat(row.getString(3)).isEqualTo("damaged");
        }
    }

    @Test
    void aClosedSpoolRefusesWork() throws Exception {
        Spool spool = open(LARGE);
        spool.close();

        assertThatThrownBy(() -> spool.append(readings("S1", 0, 1), List.of()))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("is closed");
        assertThatThrownBy(() -> spool.peek(1)).isInstanceOf(StoreUnavailableException.class);
    }

    /**
     * A backlog of a million readings: appended in batches, then walked in chunks; each peek reads only the entries
     * it returns, and the walk finds every reading once, in order.
     */
    @Test
    void streamsABacklogOfAMillionReadingsInOrderChunkByChunk() throws Exception {
        Spool spool = open(LARGE);
        int batches = 200;
        int perBatch = 5000;
        for (int b = 0; b < batches; b++) {
            List<Reading> batch = new ArrayList<>(perBatch);
            for (int i = 0; i < perBatch; i++) {
                int n = b * perBatch + i;
                batch.add(ch4("S" + (n % 2000), T0 + n, n));
            }
            spool.append(batch, List.of());
        }
        assertThat(spool.points()).isEqualTo(1_000_000);
        assertThat(spool.entries()).isEqualTo(1_000);

        long next = 0;
        while (!spool.isEmpty()) {
            List<SpoolEntry> chunk = spool.peek(20_000);
            assertThat(chunk.stream().mapToInt(SpoolEntry::points).sum()).isLessThanOrEqualTo(20_000);
            for (Reading reading : readingsOf(chunk)) {
                assertThat(reading.timestampMillis()).isEqualTo(T0 + next++);
            }
            spool.removeThrough(chunk.get(chunk.size() - 1).id());
        }
        assertThat(next).isEqualTo(1_000_000);
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
