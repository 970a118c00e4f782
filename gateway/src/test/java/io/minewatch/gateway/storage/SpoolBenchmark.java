package io.minewatch.gateway.storage;

import io.minewatch.collectors.Quality;
import io.minewatch.collectors.Reading;
import io.minewatch.config.quantity.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.LoggerFactory;

/**
 * The spool's durable append: batches of 1000 readings of 1000 sensors, each batch one transaction with its fsync, to
 * a file under {@code gateway/target} (the disk the gateway's data directory would be on, not a tmpfs). Scores are
 * readings per second.
 *
 * <p>Run: {@code scripts/bench-pipeline SpoolBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SpoolBenchmark {

    private static final int BATCH = 1000;
    private static final int BATCHES = 64;

    private Path directory;
    private Spool spool;
    private List<List<Reading>> batches;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        directory = Files.createTempDirectory(Files.createDirectories(Path.of("gateway", "target")), "spool-bench");
        spool = Spool.open(directory, 1L << 40, Clock.systemUTC());
        SplittableRandom random = new SplittableRandom(42);
        long ts = Samples.T0;
        batches = new ArrayList<>(BATCHES);
        for (int b = 0; b < BATCHES; b++) {
            List<Reading> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                String sensor = "CM01-CH4-" + random.nextInt(1000);
                batch.add(new Reading("CM01", sensor, Kind.CH4, 0.2 + random.nextDouble() * 0.3, ts++,
                        Quality.GOOD, true, ts + 3));
            }
            batches.add(batch);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        LoggerFactory.getLogger(SpoolBenchmark.class).info("Spool: {} readings in {} bytes, {} bytes per reading",
                spool.points(), spool.bytes(), String.format("%.1f", spool.bytes() / (double) spool.points()));
        spool.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void appendBatchOf1000() throws Exception {
        spool.append(batches.get(next), List.of());
        next = (next + 1) % BATCHES;
    }
}
