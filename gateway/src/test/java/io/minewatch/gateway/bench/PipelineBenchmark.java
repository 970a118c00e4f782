package io.minewatch.gateway.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.collectors.Delivery;
import io.minewatch.collectors.Ingest;
import io.minewatch.collectors.codec.JsonReadingCodec;
import io.minewatch.collectors.codec.ReadingValidator;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.gateway.pipeline.LaneInitializer;
import io.minewatch.gateway.pipeline.PipelineMetrics;
import io.minewatch.gateway.registry.SensorRegistry;
import io.minewatch.gateway.rules.AlarmIds;
import io.minewatch.gateway.rules.RuleEngine;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The pipeline alone on one thread: decode, validate, enrich, evaluate and dispatch (to a dispatcher that only
 * completes the delivery), for registered CH4 sensors whose values are mostly below the alarm threshold, with one
 * value in 200 crossing it. Scores are readings per second on one core.
 *
 * <p>Run: {@code scripts/bench-pipeline}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PipelineBenchmark {

    private static final int MESSAGES = 1024;

    @Param({"1", "50"})
    public int readingsPerMessage;

    @Param({"1000", "100000"})
    public int sensors;

    private EmbeddedChannel channel;
    private Ingest[] messages;
    private DefaultEventExecutor lane;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        StringBuilder yaml = new StringBuilder("sites:\n  - id: CM01\n    type: coal_mine\n    sensors:\n");
        for (int i = 0; i < sensors; i++) {
            yaml.append("      - { id: S").append(i).append(", kind: ch4, profile: coal_ch4_working_face }\n");
        }
        MinewatchConfig config = ConfigLoader.load(yaml.toString(), Path.of("bench.yaml"));
        SensorRegistry registry = new SensorRegistry(config);
        Clock clock = Clock.systemUTC();
        LaneInitializer lanes = new LaneInitializer(new JsonReadingCodec(1 << 20),
                new ReadingValidator(clock, Duration.ofMinutes(5)), registry,
                () -> new RuleEngine(registry, clock, AlarmIds.timeOrdered(clock)),
                batch -> batch.ingest().delivery().complete(), rejection -> { },
                new PipelineMetrics(new SimpleMeterRegistry()));
        channel = new EmbeddedChannel();
        lanes.addStages(channel.pipeline());
        lane = new DefaultEventExecutor(new DefaultThreadFactory("bench-lane", true));

        SplittableRandom random = new SplittableRandom(42);
        long ts = clock.millis() - 60_000;
        messages = new Ingest[MESSAGES];
        for (int m = 0; m < MESSAGES; m++) {
            String sensor = "S" + random.nextInt(sensors);
            StringBuilder payload = new StringBuilder(readingsPerMessage == 1 ? "" : "[");
            for (int r = 0; r < readingsPerMessage; r++) {
                double value = random.nextInt(200) == 0 ? 1.2 : 0.2 + random.nextDouble() * 0.3;
                if (r > 0) {
                    payload.append(',');
                }
                payload.append("{\"value\":").append(String.format("%.3f", value)).append(",\"ts\":")
                        .append(ts + m * readingsPerMessage + r).append('}');
            }
            if (readingsPerMessage > 1) {
                payload.append(']');
            }
            messages[m] = new Ingest("bench", "minewatch/CM01/" + sensor, "CM01", sensor,
                    payload.toString().getBytes(StandardCharsets.UTF_8), ts, Delivery.NONE);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        channel.finishAndReleaseAll();
        lane.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * All {@value #MESSAGES} messages per invocation, run on a Netty thread as the lanes are (Netty's thread-locals
     * take a slow path on other threads, which would understate the pipeline). The score is messages/s; times
     * readingsPerMessage, readings/s.
     */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void messages(Blackhole blackhole) throws Exception {
        lane.submit(() -> {
            for (Ingest message : messages) {
                channel.writeInbound(message);
            }
        }).get();
        blackhole.consume(channel);
    }
}
