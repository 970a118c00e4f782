package io.minewatch.gateway.storage;

import static io.minewatch.gateway.storage.Samples.T0;
import static io.minewatch.gateway.storage.Samples.ch4;
import static io.minewatch.gateway.storage.Samples.raised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.minewatch.collectors.Reading;
import io.minewatch.collectors.reject.RejectReason;
import io.minewatch.collectors.reject.Rejection;
import io.minewatch.config.StorageConfig.LocalStoreConfig;
import io.minewatch.config.quantity.Kind;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.storage.SpoolForwarder.Outcome;
import io.minewatch.gateway.storage.SpoolForwarder.Step;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StoreAndForwardTest {

    private static final long LARGE = 1L << 30;
    private static final Backoff FAST_BACKOFF = new Backoff(Duration.ofMillis(1), Duration.ofMillis(4));

    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(T0), ZoneOffset.UTC);
    private final InMemoryStore influx = new InMemoryStore();
    private final RecordingStore target = new RecordingStore(influx);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<Rejection> rejections = new CopyOnWriteArrayList<>();
    private final List<String> levels = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    private StoreAndForward open(long maxBytes, int forwardRate, int chunkPoints, Clock time) throws Exception {
        Spool spool = Spool.open(directory, maxBytes, time);
        StoreAndForward store = new StoreAndForward(target, spool, new StoreAndForward.Settings(forwardRate,
                chunkPoints, maxBytes * 8 / 10, FAST_BACKOFF, Duration.ofMillis(500)), rejections::add,
                (previous, current, bytes, max) -> levels.add(previous + "->" + current), registry, time);
        opened.add(store);
        return store;
    }

    private StoreAndForward open() throws Exception {
        return open(LARGE, 1_000_000, 5_000, clock);
    }

    private static List<Reading> readings(String sensor, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> ch4(sensor, T0 + i * 1000L, i / 1000.0)).toList();
    }

    private double meter(String name) {
        return registry.get(name).meter().measure().iterator().next().getValue();
    }

    private static void drain(StoreAndForward store) {
        for (Step step = store.forwardOnce(); step.outcome() != Outcome.IDLE; step = store.forwardOnce()) {
            assertThat(step.outcome()).isEqualTo(Outcome.FORWARDED);
        }
    }

    @Test
    void writesStraightToTheStoreWhileItAnswers() throws Exception {
        StoreAndForward store = open();

        store.write(readings("S1", 0, 3), List.of(raised("e1", "S1", T0)));

        assertThat(influx.readings).hasSize(3);
        assertThat(influx.events).containsKey("e1");
        assertThat(store.status().points()).isZero();
        assertThat(meter("minewatch.spool.appended")).isZero();
    }

    @Test
    void spoolsABatchTheStoreCannotTakeAndReturnsSoThatItIsAcknowledged() throws Exception {
        StoreAndForward store = open();
        influx.down = true;

        store.write(readings("S1", 0, 3), List.of(raised("e1", "S1", T0)));

        assertThat(influx.readings).isEmpty();
        assertThat(store.status().points()).isEqualTo(4);
        assertThat(meter("minewatch.spool.appended")).isEqualTo(4);
        assertThat(meter("minewatch.spool.points")).isEqualTo(4);
        assertThat(meter("minewatch.spool.bytes")).isPositive();
        assertThat(store.isReachable()).isFalse();
    }

    @Test
    void theWriterAcknowledgesBatchesWhileTheStoreIsDownOnceTheyAreSpooled() throws Exception {
        StoreAndForward store = open();
        influx.down = true;
        List<String> stored = new CopyOnWriteArrayList<>();
        try (StorageWriter writer = new StorageWriter(store, 100, Duration.ofMillis(5), rejections::add, registry,
                Clock.systemUTC(), FAST_BACKOFF, Duration.ofSeconds(5))) {
            writer.start();
            writer.submit(readings("S1", 0, 10), List.of(), () -> stored.add("a"));
            writer.submit(readings("S2", 0, 10), List.of(), () -> stored.add("b"));

            await().atMost(Duration.ofSeconds(10)).until(() -> stored.size() == 2);
        }

        assertThat(stored).containsExactly("a", "b");
        assertThat(influx.readings).isEmpty();
        assertThat(store.status().points()).isEqualTo(20);
    }

    @Test
    void onceAnOutageIsKnownLiveBatchesGoToTheSpoolWithoutWaitingForTheStore() throws Exception {
        StoreAndForward store = open();
        influx.down = true;
        store.write(readings("S1", 0, 1), List.of());
        int attempts = influx.attempts.get();

        store.write(readings("S1", 1, 2), List.of());
        store.write(readings("S1", 2, 3), List.of());

        assertThat(influx.attempts.get()).isEqualTo(attempts);
        assertThat(store.status().points()).isEqualTo(3);
    }

    @Test
    void forwardsTheBacklogOldestFirstOnceTheStoreIsBackWhileLiveBatchesGoStraightToIt() throws Exception {
        StoreAndForward store = open(LARGE, 1_000_000, 1_000, clock);
        influx.down = true;
        store.write(readings("S1", 0, 1000), List.of());
        store.write(readings("S1", 1000, 2000), List.of(raised("e1", "S1", T0)));
        store.write(readings("S1", 2000, 2500), List.of());

        assertThat(store.forwardOnce().outcome()).as("still down").isEqualTo(Outcome.UNAVAILABLE);
        influx.down = false;
        assertThat(store.forwardOnce()).isEqualTo(new Step(Outcome.FORWARDED, 1000, 0));
        store.write(readings("LIVE", 0, 5), List.of());
        drain(store);

        assertThat(target.batches).containsExactly(readings("S1", 0, 1000), readings("LIVE", 0, 5),
                readings("S1", 1000, 2000), readings("S1", 2000, 2500));
        assertThat(influx.events).containsKey("e1");
        assertThat(store.status().points()).isZero();
        assertThat(meter("minewatch.spool.forwarded")).isEqualTo(2501);
        assertThat(meter("minewatch.spool.points")).isZero();
        assertThat(store.isReachable()).isTrue();
    }

    @Test
    void forwardsNoFasterThanTheConfiguredRate() throws Exception {
        StoreAndForward store = open(LARGE, 1000, 100, clock);
        influx.down = true;
        for (int i = 0; i < 30; i++) {
            store.write(readings("S1", i * 100, (i + 1) * 100), List.of());
        }
        influx.down = false;

        assertThat(forwardUntilThrottled(store)).as("the first second's burst").isEqualTo(1000);
        assertThat(store.forwardOnce()).isEqualTo(new Step(Outcome.THROTTLED, 0, 100));

        clock.advance(Duration.ofMillis(500));
        assertThat(forwardUntilThrottled(store)).isEqualTo(500);

        clock.advance(Duration.ofSeconds(10));
        assertThat(forwardUntilThrottled(store)).as("a burst never exceeds one second's worth").isEqualTo(1000);
        assertThat(store.status().points()).isEqualTo(500);
    }

    private static int forwardUntilThrottled(StoreAndForward store) {
        int points = 0;
        for (Step step = store.forwardOnce(); step.outcome() == Outcome.FORWARDED; step = store.forwardOnce()) {
            points += step.points();
        }
        return points;
    }

    @Test
    void refusesBatchesOnceTheSpoolIsFullAndTellsTheAlarmListenerOnEachChangeOnly() throws Exception {
        StoreAndForward store = open(256 * 1024, 1_000_000, 5_000, clock);
        influx.down = true;
        int batches = 0;
        StoreUnavailableException refused = null;
        while (refused == null) {
            try {
                store.write(readings("S" + batches, 0, 1000), List.of());
                batches++;
            } catch (StoreUnavailableException e) {
                refused = e;
            }
        }
        long spooled = store.status().points();
        assertThatThrownBy(() -> store.write(readings("S", 0, 1000), List.of()))
                .isInstanceOf(SpoolFullException.class);

        assertThat(refused).isInstanceOf(SpoolFullException.class)
                .hasMessageContaining("unavailable").hasMessageContaining("is full")
                .hasMessageContaining("stays unacknowledged");
        assertThat(spooled).isEqualTo(batches * 1000L);
        assertThat(store.status().points()).as("a refused batch leaves nothing behind").isEqualTo(spooled);
        assertThat(store.status().level()).isEqualTo(SpoolLevel.FULL);
        assertThat(levels).containsExactly("NORMAL->HIGH_WATER", "HIGH_WATER->FULL");

        influx.down = false;
        drain(store);

        assertThat(levels).startsWith("NORMAL->HIGH_WATER", "HIGH_WATER->FULL").doesNotHaveDuplicates();
        assertThat(levels.get(levels.size() - 1)).endsWith("->NORMAL");
        assertThat(influx.readings).hasSize((int) spooled);
        store.write(readings("S", 0, 1000), List.of());
        assertThat(influx.readings).hasSize((int) spooled + 1000);
    }

    @Test
    void aBatchTheStoreRefusesAsInvalidIsNeitherSpooledNorSwallowed() throws Exception {
        StoreAndForward store = open();
        influx.refusedSensors.add("BAD");

        assertThatThrownBy(() -> store.write(List.of(ch4("BAD", T0, 1)), List.of()))
                .isInstanceOf(StoreRejectedException.class).hasMessageContaining("field type conflict");
        assertThat(store.status().points()).isZero();
    }

    @Test
    void setsASpooledPointTheStoreRefusesAsideAndForwardsItsNeighbours() throws Exception {
        StoreAndForward store = open();
        influx.down = true;
        List<Reading> batch = new ArrayList<>(readings("S1", 0, 9));
        batch.add(4, ch4("BAD", T0, 1));
        store.write(batch, List.of(raised("e1", "S1", T0)));
        influx.down = false;
        influx.refusedSensors.add("BAD");

        assertThat(store.forwardOnce()).isEqualTo(new Step(Outcome.FORWARDED, 11, 0));

        assertThat(influx.readings).hasSize(9);
        assertThat(influx.events).containsKey("e1");
        assertThat(rejections).singleElement().satisfies(rejection -> {
            assertThat(rejection.reason()).isEqualTo(RejectReason.STORE_REJECTED);
            assertThat(rejection.detail()).contains("field type conflict");
            assertThat(rejection.excerpt()).contains("BAD");
            assertThat(rejection.source()).isEqualTo("store:memory");
        });
        assertThat(store.status().points()).isZero();
        assertThat(meter("minewatch.spool.forwarded")).isEqualTo(10);
    }

    @Test
    void keepsTheChunkSpooledWhileTheStoreStaysDown() throws Exception {
        StoreAndForward store = open();
        influx.down = true;
        store.write(readings("S1", 0, 5), List.of());

        assertThat(store.forwardOnce().outcome()).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(store.forwardOnce().outcome()).isEqualTo(Outcome.UNAVAILABLE);

        assertThat(store.status().points()).isEqualTo(5);
        assertThat(meter("minewatch.spool.forwarded")).isZero();
    }

    @Test
    void showsTheAgeOfTheOldestSpooledPoint() throws Exception {
        StoreAndForward store = open();
        assertThat(meter("minewatch.spool.oldest.age")).isZero();
        influx.down = true;
        store.write(readings("S1", 0, 1), List.of());
        clock.advance(Duration.ofSeconds(20));
        store.write(readings("S1", 1, 2), List.of());
        clock.advance(Duration.ofSeconds(10));

        assertThat(meter("minewatch.spool.oldest.age")).isEqualTo(30.0);
        assertThat(store.status()).satisfies(status -> {
            assertThat(status.oldestAgeMillis()).isEqualTo(30_000);
            assertThat(status.points()).isEqualTo(2);
            assertThat(status.maxBytes()).isEqualTo(LARGE);
            assertThat(status.level()).isEqualTo(SpoolLevel.NORMAL);
        });
    }

    @Test
    void exposesTheSpoolMetricsUnderTheNamesTheDocumentationGives() throws Exception {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Spool spool = Spool.open(directory, LARGE, clock);
        StoreAndForward store = new StoreAndForward(target, spool, StoreAndForward.Settings.of(
                new LocalStoreConfig(directory)), rejections::add, SpoolAlarmListener.NONE, prometheus, clock);
        opened.add(store);
        influx.down = true;
        store.write(readings("S1", 0, 7), List.of());
        clock.advance(Duration.ofSeconds(3));

        assertThat(prometheus.scrape()).contains("minewatch_spool_points 7.0", "minewatch_spool_bytes ",
                "minewatch_spool_oldest_age_seconds 3.0", "minewatch_spool_appended_total 7.0",
                "minewatch_spool_forwarded_total 0.0");
    }

    @Test
    void theForwarderThreadDrainsABacklogFoundOnDiskAfterARestart() throws Exception {
        StoreAndForward before = open(LARGE, 1_000_000, 5_000, Clock.systemUTC());
        influx.down = true;
        before.write(readings("S1", 0, 3000), List.of(raised("e1", "S1", T0)));
        before.write(readings("S2", 0, 10), List.of());
        before.close();
        influx.down = false;

        StoreAndForward after = open(LARGE, 1_000_000, 5_000, Clock.systemUTC());
        assertThat(after.status().points()).isEqualTo(3011);
        after.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> after.status().points() == 0);
        assertThat(influx.readings).hasSize(3010);
        assertThat(influx.events).containsKey("e1");
    }

    @Test
    void reportsABacklogAboveTheHighWaterMarkFoundOnDiskWhenStarted() throws Exception {
        StoreAndForward before = open(256 * 1024, 1_000_000, 5_000, clock);
        influx.down = true;
        try {
            for (int i = 0; ; i++) {
                before.write(readings("S" + i, 0, 1000), List.of());
            }
        } catch (SpoolFullException expected) {
            // filled
        }
        before.close();
        levels.clear();

        StoreAndForward after = open(256 * 1024, 1_000_000, 5_000, clock);
        after.start();

        assertThat(levels).startsWith("NORMAL->HIGH_WATER");
    }

    @Test
    void closesWithinItsTimeoutWhileAForwardHangs() throws Exception {
        StoreAndForward store = open(LARGE, 1_000_000, 5_000, Clock.systemUTC());
        influx.down = true;
        store.write(readings("S1", 0, 10), List.of());
        influx.gate = new CountDownLatch(1);
        influx.down = false;
        int attempts = influx.attempts.get();
        store.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> influx.attempts.get() > attempts);

        assertTimeoutPreemptively(Duration.ofSeconds(3), store::close);

        influx.gate.countDown();
    }

    @Test
    void setsAnUnreadableSpoolEntryAsideAndReportsIt() throws Exception {
        StoreAndForward before = open();
        influx.down = true;
        before.write(readings("S1", 0, 3), List.of());
        before.write(readings("S1", 3, 5), List.of());
        before.close();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve(Spool.FILE_NAME));
                Statement damage = raw.createStatement()) {
            damage.executeUpdate("UPDATE entries SET body = x'07' WHERE id = 1");
        }
        influx.down = false;
        StoreAndForward after = open();

        assertThat(after.forwardOnce()).isEqualTo(new Step(Outcome.FORWARDED, 0, 0));
        assertThat(after.forwardOnce()).isEqualTo(new Step(Outcome.FORWARDED, 2, 0));

        assertThat(rejections).singleElement().satisfies(rejection -> {
            assertThat(rejection.reason()).isEqualTo(RejectReason.INTERNAL_ERROR);
            assertThat(rejection.detail()).contains("spool entry 1 of 3 points is unreadable");
        });
        assertThat(influx.readings.values()).containsExactlyInAnyOrderElementsOf(readings("S1", 3, 5));
    }

    /** Our own store in front of the in-memory one, recording the readings of each write it took, in order. */
    private static final class RecordingStore implements TimeSeriesStore {

        final List<List<Reading>> batches = new CopyOnWriteArrayList<>();
        private final InMemoryStore store;

        RecordingStore(InMemoryStore store) {
            this.store = store;
        }

        @Override
        public String name() {
            return store.name();
        }

        @Override
        public void write(List<Reading> readings, List<AlarmEvent> events)
                throws StoreUnavailableException, StoreRejectedException {
            store.write(readings, events);
            if (!readings.isEmpty()) {
                batches.add(List.copyOf(readings));
            }
        }

        @Override
        public List<HistoryPoint> history(Kind kind, String sensor, long fromMillis, long toMillis, Duration step) {
            return store.history(kind, sensor, fromMillis, toMillis, step);
        }

        @Override
        public List<AlarmEvent> alarmEvents(String sensor, long fromMillis, long toMillis) {
            return store.alarmEvents(sensor, fromMillis, toMillis);
        }

        @Override
        public boolean isReachable() {
            return store.isReachable();
        }

        @Override
        public void close() {
        }
    }
}
