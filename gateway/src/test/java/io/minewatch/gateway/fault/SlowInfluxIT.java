package io.minewatch.gateway.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * InfluxDB answers every write 300 ms late (a proxy holds its answers back) while readings are offered at several
 * times the rate such a store can take. The gateway must slow its intake to what the store takes (its in-flight window
 * full, the rest left queued at the broker) instead of growing its heap, and store everything once the store is quick
 * again.
 *
 * <p>The publisher itself is not slowed down: the broker acknowledges a QoS 1 message on receipt and queues it for the
 * gateway's session, so backpressure ends at the broker. The test therefore measures intake at the gateway.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SlowInfluxIT {

    private static final Logger LOG = LoggerFactory.getLogger(SlowInfluxIT.class);
    private static final Duration DELAY = Duration.ofMillis(300);
    private static final Duration LOAD = Duration.ofSeconds(30);
    /** Below the broker's in-flight window (1,000), so that the gateway's own limit is the one reached. */
    private static final int MAX_IN_FLIGHT = 500;
    /**
     * Readings offered per second: several times what the delayed store lets through (at most {@code MAX_IN_FLIGHT}
     * per {@code DELAY}, about 1,700/s), yet few enough that the broker's backlog drains within the test's time.
     * {@code -Dminewatch.fault.rate=0} publishes flat out instead, as fast as the broker acknowledges.
     */
    private static final int RATE = Integer.getInteger("minewatch.fault.rate", 4000);
    private static final int FLAT_OUT_WINDOW = 1000;

    /** Kept when the test fails: the logs of the gateway, broker and InfluxDB tell what happened. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;

    @Test
    void slowsIntakeToWhatASlowInfluxDbTakesWithTheHeapBoundedAndStoresEverything() throws Exception {
        long start = System.nanoTime();
        try (FaultRig rig = FaultRig.startServers(directory, Fleet.quiet(100))) {
            DelayingProxy proxy = rig.closeWithRig(new DelayingProxy(rig.influx().port(), DELAY));
            GatewayProcess gateway = rig.startGateway(config -> config.withInfluxUrl(proxy.url())
                    .withMaxInFlight(MAX_IN_FLIGHT));
            ReadingPublisher publisher = rig.connectPublisher();
            try (GatewayWatch watch = new GatewayWatch(gateway)) {
                if (RATE > 0) {
                    publisher.startPaced(RATE);
                } else {
                    publisher.startFlatOut(FLAT_OUT_WINDOW);
                }
                await("readings flowing into InfluxDB").atMost(Duration.ofSeconds(30))
                        .until(() -> rig.storedCount() > 0);

                long loadStart = System.nanoTime();
                double intakeBefore = intake(gateway);
                long publishedBefore = publisher.completed();
                await("gateway alive under load").during(LOAD).atMost(LOAD.plusSeconds(10)).until(gateway::isAlive);
                double seconds = (System.nanoTime() - loadStart) / 1e9;
                double intake = intake(gateway) - intakeBefore;
                long published = publisher.completed() - publishedBefore;

                LOG.info("slow InfluxDB ({} ms): published {}/s, gateway took {}/s, in flight max {} of {}, heap max "
                        + "{} MiB, old generation after GC max {} MiB", DELAY.toMillis(),
                        Math.round(published / seconds), Math.round(intake / seconds), watch.maxInFlight(),
                        MAX_IN_FLIGHT, watch.maxHeapUsedBytes() >> 20, watch.maxLiveDataBytes() >> 20);

                proxy.delay(Duration.ZERO);
                publisher.stop();
                long drainStart = System.nanoTime();
                rig.assertEveryPublishedReadingStoredOnce(Duration.ofSeconds(120));
                LOG.info("slow InfluxDB: {} published in all, backlog drained in {} s once InfluxDB was quick again, "
                        + "run {} s", publisher.completed(),
                        Duration.ofNanos(System.nanoTime() - drainStart).toSeconds(),
                        Duration.ofNanos(System.nanoTime() - start).toSeconds());
                assertThat(watch.maxInFlight()).as("largest number of messages in flight").isEqualTo(MAX_IN_FLIGHT);
                // Each write takes at least DELAY and frees at most MAX_IN_FLIGHT messages.
                double mostTheStoreCanTake = MAX_IN_FLIGHT * (seconds * 1000 / DELAY.toMillis() + 2);
                assertThat((double) published).as("messages offered in %.1f s", seconds)
                        .isGreaterThan(mostTheStoreCanTake);
                assertThat(intake).as("messages taken in %.1f s", seconds).isPositive()
                        .isLessThanOrEqualTo(mostTheStoreCanTake);
                assertThat(gateway.isAlive()).as("gateway process alive").isTrue();
                assertThat(watch.deadSightings()).as("samples that found the gateway dead").isZero();
                // Backpressure held the pipeline's window full for longer than several keep-alives: the collector's
                // MQTT client must have gone on answering them.
                assertThat(gateway.output()).as("gateway log").doesNotContain("lost its connection");
                assertThat(watch.maxHeapUsedBytes()).as("largest heap in use").isPositive()
                        .isLessThan(GatewayProcess.MAX_HEAP_BYTES);
            }
        }
    }

    private static double intake(GatewayProcess gateway) throws Exception {
        return PrometheusText.value(gateway.metrics(), "minewatch_pipeline_messages_total");
    }
}
