package io.minewatch.gateway.rules;

import io.minewatch.collectors.Quality;
import io.minewatch.collectors.Reading;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Rule;
import io.minewatch.gateway.alarms.AlarmEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@link RuleEngine#evaluate} on one thread: sensors with the coal working-face CH4 rule, readings
 * interleaved across sensors (so the per-sensor state is rarely in cache), most values below the alarm threshold and
 * a small fraction above it, which raises and then clears alarms. Readings are built beforehand so that only the
 * engine is measured. Run: {@code java -cp <test classpath> org.openjdk.jmh.Main RuleEngineBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RuleEngineBenchmark {

    private static final int READINGS_PER_SENSOR = 8;

    @Param({"10000", "100000"})
    public int sensors;

    /** Share of readings at 1.2 % CH4 (above the 1.0 % alarm); the rest lie between 0.1 and 0.9 %. */
    @Param({"0.001"})
    public double aboveThreshold;

    private RuleEngine engine;
    private Reading[] readings;
    private int next;
    private final List<AlarmEvent> out = new ArrayList<>();

    @Setup
    public void setUp() {
        List<Rule> rules = List.of(RuleFixtures.ch4WorkingFace());
        Clock clock = Clock.systemUTC();
        engine = new RuleEngine(reading -> rules, clock, AlarmIds.timeOrdered(clock));
        SplittableRandom random = new SplittableRandom(42);
        String[] ids = new String[sensors];
        for (int s = 0; s < sensors; s++) {
            ids[s] = String.format("CM%02d-CH4-%05d", s % 50, s);
        }
        long timestamp = 1_763_809_200_000L;
        readings = new Reading[sensors * READINGS_PER_SENSOR];
        for (int round = 0; round < READINGS_PER_SENSOR; round++) {
            for (int s = 0; s < sensors; s++) {
                double value = random.nextDouble() < aboveThreshold ? 1.2 : 0.1 + 0.8 * random.nextDouble();
                // copies of the id, as a decoder would produce, so the map lookup compares characters
                readings[round * sensors + s] = new Reading("CM" + (s % 50), new String(ids[s]), Kind.CH4, value,
                        timestamp, Quality.GOOD, true, timestamp);
            }
        }
        for (Reading reading : readings) {
            engine.evaluate(reading, out);
            out.clear();
        }
    }

    @Benchmark
    public int evaluate() {
        Reading reading = readings[next];
        next = next + 1 == readings.length ? 0 : next + 1;
        out.clear();
        engine.evaluate(reading, out);
        return out.size();
    }
}
