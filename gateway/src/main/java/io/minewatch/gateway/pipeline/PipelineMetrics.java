package io.minewatch.gateway.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/** The pipeline's own meters. */
public final class PipelineMetrics {

    private final MeterRegistry registry;
    private final Counter laneFailures;
    private final Counter messages;
    private final Counter alreadyEvaluated;
    private final Timer storeLatency;

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.laneFailures = Counter.builder("minewatch.pipeline.failures")
                .description("Unexpected failures inside the pipeline (defects)").register(registry);
        this.messages = Counter.builder("minewatch.pipeline.messages")
                .description("Messages taken into the pipeline").register(registry);
        this.alreadyEvaluated = Counter.builder("minewatch.pipeline.redelivered.already_evaluated")
                .description("Readings delivered again (MQTT DUP) that the alarm state already reflects: stored again "
                        + "(they overwrite themselves) but not evaluated again")
                .register(registry);
        this.storeLatency = Timer.builder("minewatch.pipeline.latency")
                .description("From receipt of a message to its readings being stored")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    Counter laneFailures() {
        return laneFailures;
    }

    Counter messages() {
        return messages;
    }

    Counter alreadyEvaluated() {
        return alreadyEvaluated;
    }

    Timer storeLatency() {
        return storeLatency;
    }

    void gaugeInFlight(Semaphore permits, int max) {
        registry.gauge("minewatch.pipeline.in_flight", permits, p -> max - p.availablePermits());
    }
}
