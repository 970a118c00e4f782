package io.minewatch.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.collectors.Ingest;
import io.minewatch.collectors.codec.JsonReadingCodec;
import io.minewatch.collectors.codec.ReadingValidator;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.gateway.registry.SensorRegistry;
import io.minewatch.gateway.rules.RuleEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadingPipelineLaneTest {

    @Test
    void aSensorsLaneExecutorIsTheThreadThatEvaluatesItsReadings() throws Exception {
        MinewatchConfig config = ConfigLoader.load("""
                sites:
                  - id: CM01
                    type: coal_mine
                    sensors: [ { id: S1, kind: ch4, location: "face" }, { id: S2, kind: ch4, location: "face" },
                               { id: S3, kind: ch4, location: "face" }, { id: S4, kind: ch4, location: "face" } ]
                """, Path.of("test.yaml"));
        SensorRegistry registry = new SensorRegistry(config);
        Clock clock = Clock.systemUTC();
        AtomicInteger ids = new AtomicInteger();
        Map<String, Thread> evaluatedOn = new ConcurrentHashMap<>();
        LaneInitializer lanes = new LaneInitializer(new JsonReadingCodec(4096),
                new ReadingValidator(clock, Duration.ofMinutes(5)), registry,
                () -> new RuleEngine(registry, clock, () -> "id-" + ids.incrementAndGet()),
                batch -> {
                    evaluatedOn.put(batch.ingest().sensor(), Thread.currentThread());
                    batch.ingest().delivery().complete();
                }, rejection -> { }, new PipelineMetrics(new SimpleMeterRegistry()));
        ReadingPipeline pipeline = new ReadingPipeline(3, lanes, 10, new PipelineMetrics(new SimpleMeterRegistry()),
                clock);
        assertThatThrownBy(() -> pipeline.laneExecutor("S1")).isInstanceOf(IllegalStateException.class);
        pipeline.start();
        try {
            for (String sensor : new String[] {"S1", "S2", "S3", "S4"}) {
                pipeline.submit(new Ingest("test", "minewatch/CM01/" + sensor, "CM01", sensor,
                        "0.1".getBytes(StandardCharsets.UTF_8), clock.millis(), null));
            }
            await().until(() -> evaluatedOn.size() == 4);
            for (String sensor : evaluatedOn.keySet()) {
                CompletableFuture<Thread> ranOn = new CompletableFuture<>();
                pipeline.laneExecutor(sensor).execute(() -> ranOn.complete(Thread.currentThread()));
                assertThat(ranOn.get()).as(sensor).isSameAs(evaluatedOn.get(sensor));
            }
        } finally {
            pipeline.close(Duration.ofSeconds(2));
        }
    }
}
