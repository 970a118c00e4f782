package io.minewatch.gateway.storage;

import static io.minewatch.gateway.storage.Samples.T0;
import static io.minewatch.gateway.storage.Samples.ch4;
import static io.minewatch.gateway.storage.Samples.raised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.collectors.Reading;
import io.minewatch.collectors.reject.Rejection;
import io.minewatch.config.StorageConfig.InfluxDbConfig;
import io.minewatch.config.quantity.Kind;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.fault.InfluxServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store-and-forward in front of an {@code influxd} of the test's own, which the test stops and starts: an outage
 * ridden out without holding up acknowledgements, a backlog replayed after a restart, and a process killed with
 * SIGKILL in the middle of appending.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StoreAndForwardIT {

    private static final Logger LOG = LoggerFactory.getLogger(StoreAndForwardIT.class);
    private static final Backoff QUICK = new Backoff(Duration.ofMillis(50), Duration.ofMillis(500));

    @TempDir
    Path directory;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<Rejection> rejections = new CopyOnWriteArrayList<>();

    private static InfluxDbStore influxStore(InfluxServer influxd) {
        return new InfluxDbStore(new InfluxDbConfig(URI.create(influxd.url()), "minewatch_it", null, null, null, 0,
                null));
    }

    private StoreAndForward storeAndForward(InfluxDbStore influx, int forwardRate) throws Exception {
        Spool spool = Spool.open(directory.resolve("spool"), 1L << 30, Clock.systemUTC());
        return new StoreAndForward(influx, spool, new StoreAndForward.Settings(forwardRate, 5_000, 800L << 20, QUICK,
                Duration.ofSeconds(10)), rejections::add, SpoolAlarmListener.NONE, registry, Clock.systemUTC());
    }

    private static List<Reading> readings(String sensor, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> ch4(sensor, T0 + i * 100L, i % 1000 / 1000.0)).toList();
    }

    private static List<Long> timestamps(List<HistoryPoint> points) {
        return points.stream().map(HistoryPoint::timestampMillis).toList();
    }

    @Test
    void acknowledgesEveryBatchThroughAnOutageAndForwardsEachPointOnceWhenInfluxDbIsBack() throws Exception {
        try (InfluxServer influxd = new InfluxServer(directory)) {
            influxd.start();
            InfluxDbStore influx = influxStore(influxd);
            StoreAndForward store = storeAndForward(influx, 5_000);
            store.start();
            List<String> acknowledged = new CopyOnWriteArrayList<>();
            List<AlarmEvent> events = new ArrayList<>();
            StorageWriter writer = new StorageWriter(store, 1000, Duration.ofMillis(10), rejections::add, registry,
                    Clock.systemUTC(), QUICK, Duration.ofSeconds(10));
            writer.start();
            try {
                for (int b = 0; b < 10; b++) {
                    writer.submit(readings("S1", b * 500, (b + 1) * 500), List.of(), () -> acknowledged.add("up"));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() == 10);
                assertThat(store.status().points()).isZero();

                influxd.stop();
                for (int b = 10; b < 50; b++) {
                    AlarmEvent event = raised("e" + b, "S1", T0 + b * 50_000L);
                    events.add(event);
                    writer.submit(readings("S1", b * 500, (b + 1) * 500), List.of(event),
                            () -> acknowledged.add("down"));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() == 50);
                assertThat(store.status().points()).isEqualTo(40 * 501);
                assertThat(store.isReachable()).isFalse();

                influxd.start();
                long drainStarted = System.nanoTime();
                for (int b = 50; b < 60; b++) {
                    writer.submit(readings("S1", b * 500, (b + 1) * 500), List.of(), () -> acknowledged.add("back"));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() == 60);
                assertThat(store.status().points()).as("live batches do not wait for the backlog").isPositive();
                await().atMost(Duration.ofSeconds(60)).until(() -> store.status().points() == 0);
                long drainMillis = (System.nanoTime() - drainStarted) / 1_000_000;
                LOG.info("Drained {} spooled points at a forward rate of 5000/s in {} ms", 40 * 501, drainMillis);
                // one second's burst, then 5000/s: the rest of 20040 points takes at least 3 s
                assertThat(drainMillis).as("forward rate honoured").isGreaterThanOrEqualTo(2_900);
            } finally {
                writer.close();
            }

            assertThat(acknowledged).containsExactlyElementsOf(IntStream.range(0, 60)
                    .mapToObj(b -> b < 10 ? "up" : b < 50 ? "down" : "back").toList());
            assertThat(timestamps(store.history(Kind.CH4, "S1", T0, T0 + 3_600_000, null)))
                    .containsExactlyElementsOf(timestamps(readings("S1", 0, 30_000).stream()
                            .map(r -> HistoryPoint.raw(r.timestampMillis(), r.value())).toList()));
            assertThat(store.alarmEvents("S1", T0, T0 + 3_600_000)).extracting(AlarmEvent::id)
                    .containsExactlyElementsOf(events.stream().map(AlarmEvent::id).toList());
            // live batches written in the moment before the forwarder noticed InfluxDB back went through the spool too
            assertThat(registry.get("minewatch.spool.forwarded").counter().count())
                    .isEqualTo(registry.get("minewatch.spool.appended").counter().count())
                    .isGreaterThanOrEqualTo(40 * 501);
            assertThat(rejections).isEmpty();
            store.close();
        }
    }

    @Test
    void forwardsABacklogLeftOnDiskByAGatewayThatStoppedBeforeForwardingIt() throws Exception {
        int points = 100_000;
        try (InfluxServer influxd = new InfluxServer(directory)) {
            StoreAndForward before = storeAndForward(influxStore(influxd), 1_000_000);
            long appendStarted = System.nanoTime();
            for (int b = 0; b < points / 1000; b++) {
                before.write(readings("S2", b * 1000, (b + 1) * 1000), List.of());
            }
            long appendNanos = System.nanoTime() - appendStarted;
            assertThat(before.status().points()).isEqualTo(points);
            before.close();

            influxd.start();
            StoreAndForward after = storeAndForward(influxStore(influxd), 1_000_000);
            assertThat(after.status().points()).isEqualTo(points);
            long drainStarted = System.nanoTime();
            after.start();
            await().atMost(Duration.ofSeconds(120)).until(() -> after.status().points() == 0);
            long drainNanos = System.nanoTime() - drainStarted;
            LOG.info("Spooled {} points in batches of 1000 at {} points/s (InfluxDB down); forwarded them at {}"
                    + " points/s (rate limit off)", points, points * 1_000_000_000L / appendNanos,
                    points * 1_000_000_000L / drainNanos);

            assertThat(timestamps(after.history(Kind.CH4, "S2", T0, T0 + 3_600_000 * 10L, null)))
                    .containsExactlyElementsOf(LongStream.range(0, points).map(i -> T0 + i * 100).boxed().toList());
            after.close();
        }
    }

    /**
     * A process appending batches to a spool is killed with SIGKILL at a random moment; every batch it had reported
     * durable (the gateway would have acknowledged it) is in the spool when it is reopened, whole, in order, and
     * reaches InfluxDB.
     */
    @Test
    void losesNoBatchItReportedDurableWhenKilledAtAnyMoment() throws Exception {
        Path spoolDirectory = directory.resolve("killed");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SpoolKillTarget.class.getName(),
                spoolDirectory.toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(directory.resolve("child.log").toFile()))
                .start();
        int killAfter = 5 + new SplittableRandom().nextInt(60);
        AtomicLong reported = new AtomicLong(-1);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                reported.set(Long.parseLong(line.trim()));
                if (reported.get() == killAfter) {
                    child.toHandle().destroyForcibly();
                }
            }
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        long durableBatches = reported.get() + 1;
        LOG.info("Spool writer killed after reporting {} batches durable", durableBatches);

        try (InfluxServer influxd = new InfluxServer(directory)) {
            influxd.start();
            Spool spool = Spool.open(spoolDirectory, 1L << 30, Clock.systemUTC());
            long spooled = spool.points();
            assertThat(spooled % SpoolKillTarget.BATCH).as("no batch in part").isZero();
            assertThat(spooled).isGreaterThanOrEqualTo(durableBatches * SpoolKillTarget.BATCH);
            StoreAndForward store = new StoreAndForward(influxStore(influxd), spool, new StoreAndForward.Settings(
                    1_000_000, 5_000, 800L << 20, QUICK, Duration.ofSeconds(10)), rejections::add,
                    SpoolAlarmListener.NONE, registry, Clock.systemUTC());
            store.start();
            await().atMost(Duration.ofSeconds(120)).until(() -> store.status().points() == 0);

            assertThat(timestamps(store.history(Kind.CH4, SpoolKillTarget.SENSOR, T0, T0 + spooled + 1, null)))
                    .containsExactlyElementsOf(LongStream.range(0, spooled)
                            .mapToObj(n -> SpoolKillTarget.reading(n).timestampMillis()).toList());
            store.close();
        }
    }
}
