package io.minewatch.gateway.fault;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the gateway's {@code /metrics} every 250 ms while a fault test runs: the largest heap in use, the largest
 * number of messages in flight, and whether the process was ever found dead.
 */
final class GatewayWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayWatch.class);

    private final GatewayProcess gateway;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "gateway-watch");
        thread.setDaemon(true);
        return thread;
    });
    private final DoubleAccumulator maxHeapUsed = new DoubleAccumulator(Math::max, 0);
    private final DoubleAccumulator maxLiveData = new DoubleAccumulator(Math::max, 0);
    private final DoubleAccumulator maxInFlight = new DoubleAccumulator(Math::max, 0);
    private final AtomicInteger samples = new AtomicInteger();
    private final AtomicInteger deadSightings = new AtomicInteger();

    GatewayWatch(GatewayProcess gateway) {
        this.gateway = gateway;
        sampler.scheduleWithFixedDelay(this::sample, 0, 250, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        if (!gateway.isAlive()) {
            deadSightings.incrementAndGet();
            return;
        }
        try {
            String text = gateway.metrics();
            double heap = PrometheusText.sum(text, "jvm_memory_used_bytes", Map.of("area", "heap"));
            if (Double.isNaN(heap)) {
                return;
            }
            maxHeapUsed.accumulate(heap);
            double live = PrometheusText.value(text, "jvm_gc_live_data_size_bytes");
            if (!Double.isNaN(live)) {
                maxLiveData.accumulate(live);
            }
            double inFlight = PrometheusText.value(text, "minewatch_pipeline_in_flight");
            if (!Double.isNaN(inFlight)) {
                maxInFlight.accumulate(inFlight);
            }
            samples.incrementAndGet();
        } catch (Exception e) {
            // A sample missed while the gateway is busy is not a failure; a dead process is, and is counted above.
            LOG.debug("metrics sample missed: {}", e.toString());
        }
    }

    long maxHeapUsedBytes() {
        return (long) maxHeapUsed.get();
    }

    /** Old generation in use after the last full or mixed collection: what the heap really holds. */
    long maxLiveDataBytes() {
        return (long) maxLiveData.get();
    }

    int maxInFlight() {
        return (int) maxInFlight.get();
    }

    int samples() {
        return samples.get();
    }

    /** Samples that found the process dead. */
    int deadSightings() {
        return deadSightings.get();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
