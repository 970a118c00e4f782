package io.minewatch.gateway.storage;

import static io.minewatch.gateway.storage.Samples.T0;
import static io.minewatch.gateway.storage.Samples.ch4;
import static io.minewatch.gateway.storage.Samples.raised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.collectors.Reading;
import io.minewatch.collectors.reject.RejectReason;
import io.minewatch.collectors.reject.Rejection;
import io.minewatch.gateway.alarms.AlarmEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StorageWriterTest {

    private static final Duration LONG = Duration.ofHours(1);
    private static final Backoff FAST_BACKOFF = new Backoff(Duration.ofMillis(1), Duration.ofMillis(4));

    private final InMemoryStore store = new InMemoryStore();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<Rejection> rejections = new CopyOnWriteArrayList<>();
    private final List<String> stored = new CopyOnWriteArrayList<>();
    private StorageWriter writer;

    @AfterEach
    void closeWriter() {
        if (writer != null) {
            writer.close();
        }
    }

    private StorageWriter start(int batchSize, Duration flushInterval) {
        return start(batchSize, flushInterval, StorageWriter.DEFAULT_CLOSE_TIMEOUT);
    }

    private StorageWriter start(int batchSize, Duration flushInterval, Duration closeTimeout) {
        writer = new StorageWriter(store, batchSize, flushInterval, rejections::add, registry, Clock.systemUTC(),
                FAST_BACKOFF, closeTimeout);
        writer.start();
        return writer;
    }

    private static List<Reading> readings(String sensor, int count) {
        return IntStream.range(0, count).mapToObj(i -> ch4(sensor, T0 + i * 1000L, 0.1 + i / 100.0)).toList();
    }

    private void submit(String label, List<Reading> readings) {
        writer.submit(readings, List.of(), () -> stored.add(label));
    }

    @Test
    void writesABatchAsSoonAsItHoldsBatchSizePoints() {
        start(4, LONG);

        submit("a", readings("S1", 2));
        submit("b", readings("S2", 2));

        await().atMost(Duration.ofSeconds(5)).until(() -> stored.size() == 2);
        assertThat(store.acceptedWriteSizes).containsExactly(4);
        assertThat(store.readings).hasSize(4);
    }

    @Test
    void cutsALargeSubmissionIntoWritesOfAtMostBatchSizeAndAcknowledgesItOnceAllAreStored() {
        start(4, LONG);

        submit("big", readings("S1", 10));

        await().atMost(Duration.ofSeconds(5)).until(() -> stored.size() == 1);
        assertThat(store.acceptedWriteSizes).containsExactly(4, 4, 2);
        assertThat(store.readings).hasSize(10);
    }

    @Test
    void writesAnIncompleteBatchOnceItsOldestPointHasWaitedTheFlushInterval() {
        start(1000, Duration.ofMillis(50));

        submit("a", readings("S1", 3));
        submit("b", List.of(ch4("S2", T0, 0.4)));

        await().atMost(Duration.ofSeconds(5)).until(() -> stored.size() == 2);
        assertThat(store.readings).hasSize(4);
        assertThat(store.acceptedWriteSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(4);
    }

    @Test
    void runsCallbacksOnlyAfterTheWriteHasReturned() {
        store.gate = new CountDownLatch(1);
        start(3, LONG);
        List<Reading> points = readings("S1", 3);
        List<Boolean> storedWhenCalled = new CopyOnWriteArrayList<>();

        for (Reading point : points) {
            writer.submit(List.of(point), List.of(), () -> storedWhenCalled.add(store.holds(point)));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> store.attempts.get() == 1);
        assertThat(storedWhenCalled).isEmpty();

        store.gate.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> storedWhenCalled.size() == 3);
        assertThat(storedWhenCalled).containsOnly(true);
    }

    @Test
    void runsCallbacksInSubmissionOrderAcrossBatches() {
        start(2, Duration.ofMillis(20));
        List<String> labels = IntStream.range(0, 25).mapToObj(i -> "m" + i).toList();

        for (int i = 0; i < labels.size(); i++) {
            submit(labels.get(i), readings("S" + i, 1 + i % 3));
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> stored.size() == labels.size());
        assertThat(stored).containsExactlyElementsOf(labels);
    }

    @Test
    void acknowledgesASubmissionWithoutPointsInItsTurn() {
        start(2, Duration.ofMillis(20));

        submit("a", readings("S1", 1));
        writer.submit(List.of(), List.of(), () -> stored.add("empty"));
        submit("c", readings("S2", 1));

        await().atMost(Duration.ofSeconds(5)).until(() -> stored.size() == 3);
        assertThat(stored).containsExactly("a", "empty", "c");
    }

    @Test
    void retriesAnUnavailableStoreUntilItTakesTheBatchAndLosesNothing() {
        store.unavailableWritesLeft.set(3);
        start(6, LONG);
        List<Reading> points = readings("S1", 5);
        List<AlarmEvent> events = List.of(raised("e1", "S1", T0));

        writer.submit(points, events, () -> stored.add("a"));

        await().atMost(Duration.ofSeconds(5)).until(() -> stored.size() == 1);
        assertThat(store.attempts).hasValue(4);
        assertThat(store.readings.values()).containsExactlyInAnyOrderElementsOf(points);
        assertThat(store.events.values()).containsExactlyElementsOf(events);
        assertThat(rejections).isEmpty();
        assertThat(counter("minewatch.storage.write.failures")).isEqualTo(3);
        assertThat(counter("minewatch.storage.points.written")).isEqualTo(6);
    }

    @Test
    void holdsCallbacksForAsLongAsTheStoreIsDown() {
        store.down = true;
        start(2, LONG);

        submit("a", readings("S1", 2));
        await().atMost(Duration.ofSeconds(5)).until(() -> store.attempts.get() >= 20);
        assertThat(stored).isEmpty();
        assertThat(queueGauge()).isEqualTo(2);

        store.down = false;

        await().atMost(Duration.ofSeconds(5)).until(() -> stored.size() == 1);
        assertThat(store.readings).hasSize(2);
        assertThat(queueGauge()).isZero();
    }

    @Test
    void isolatesARejectedPointStoresItsNeighboursAndStillAcknowledges() {
        store.refusedSensors.add("BAD");
        start(8, LONG);
        List<Reading> points = new ArrayList<>(readings("S1", 7));
        Reading bad = ch4("BAD", T0, 0.5);
        points.add(5, bad);

        submit("a", points);

        await().atMost(Duration.ofSeconds(5)).until(() -> stored.size() == 1);
        assertThat(store.readings.values()).containsExactlyInAnyOrderElementsOf(
                points.stream().filter(p -> p != bad).toList());
        assertThat(rejections).singleElement().satisfies(rejection -> {
            assertThat(rejection.reason()).isEqualTo(RejectReason.STORE_REJECTED);
            assertThat(rejection.detail()).contains("field type conflict");
            assertThat(rejection.source()).isEqualTo("store:memory");
            assertThat(rejection.excerpt()).contains("sensor=BAD");
        });
        assertThat(counter("minewatch.storage.points.written")).isEqualTo(7);
    }

    @Test
    void isolatesRejectedPointsOfAStoreThatKeepsTheValidPartOfABatch() {
        store.refusedSensors.add("BAD");
        store.partialWrites = true;
        start(10, LONG);
        List<Reading> points = new ArrayList<>(readings("S1", 8));
        points.add(0, ch4("BAD", T0, 0.5));
        List<AlarmEvent> events = List.of(raised("e1", "S1", T0), raised("e2", "BAD", T0));

        writer.submit(points, events, () -> stored.add("a"));

        await().atMost(Duration.ofSeconds(5)).until(() -> stored.size() == 1);
        assertThat(store.readings).hasSize(8);
        assertThat(store.events).containsOnlyKeys("e1");
        assertThat(rejections).hasSize(2).allSatisfy(r -> assertThat(r.excerpt()).contains("sensor=BAD"));
    }

    @Test
    void closeWritesWhatIsStillQueued() {
        start(100, LONG);

        submit("a", readings("S1", 3));
        writer.close();

        assertThat(stored).containsExactly("a");
        assertThat(store.readings).hasSize(3);
    }

    @Test
    void closeGivesUpOnADownStoreWithoutAcknowledging() {
        store.down = true;
        start(100, LONG, Duration.ofMillis(100));

        submit("a", readings("S1", 3));
        writer.close();

        assertThat(stored).isEmpty();
        assertThat(writer.queuedPoints()).isEqualTo(3);
    }

    @Test
    void refusesSubmissionsBeforeStartAndAfterClose() {
        writer = new StorageWriter(store, 10, LONG, rejections::add, registry, Clock.systemUTC());

        assertThatThrownBy(() -> submit("a", readings("S1", 1))).isInstanceOf(IllegalStateException.class);
        writer.start();
        writer.close();
        assertThatThrownBy(() -> submit("b", readings("S1", 1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CLOSED");
    }

    @Test
    void refusesANonPositiveBatchSize() {
        assertThatThrownBy(() -> new StorageWriter(store, 0, LONG, rejections::add, registry, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchSize : 0 (expected: > 0)");
    }

    private double counter(String name) {
        return registry.get(name).tag("store", "memory").counter().count();
    }

    private double queueGauge() {
        return registry.get("minewatch.storage.queue.points").tag("store", "memory").gauge().value();
    }
}
