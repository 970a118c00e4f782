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
 * InfluxDB goes away for a minute while a hundred sensors report ten times a second. The gateway spools what
 * InfluxDB cannot take, acknowledges it once spooled, keeps its heap bounded, and stores every reading once InfluxDB
 * is back: with the default in-flight window, and with a small window that would fill within a second if the
 * outage stalled intake (as it did before the spool, when Paho then lost its connection after about a minute).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class InfluxOutageIT {

    private static final Logger LOG = LoggerFactory.getLogger(InfluxOutageIT.class);
    /** Readings per second; {@code -Dminewatch.fault.rate=5000} tries a higher load by hand. */
    private static final int RATE = Integer.getInteger("minewatch.fault.rate", 1000);
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    /**
     * A gateway window below the broker's (1,000 messages), which an outage that stalled intake would fill within a
     * second: the broker would go on sending what its own window allows into the collector's receive queue.
     */
    private static final int SMALL_WINDOW = 500;
    /** Many times the collector's keep-alive (GatewayConfig.KEEP_ALIVE). */
    private static final Duration LONG_OUTAGE = Duration.ofSeconds(30);

    /** Kept when the test fails: the logs of the gateway, broker and InfluxDB tell what happened. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;

    @Test
    void storesEveryReadingOnceAfterAMinuteWithoutInfluxDbWhileTheHeapStaysBounded() throws Exception {
        GatewayWatch watch = runThroughOutage(GatewayConfig.DEFAULT_MAX_IN_FLIGHT, OUTAGE);

        assertThat(watch.maxInFlight()).as("largest number of messages in flight").isPositive()
                .isLessThanOrEqualTo(GatewayConfig.DEFAULT_MAX_IN_FLIGHT);
    }

    @Test
    void keepsIntakeFlowingThroughALongOutageBecauseTheSpoolTakesTheReadings() throws Exception {
        GatewayWatch watch = runThroughOutage(SMALL_WINDOW, LONG_OUTAGE);

        assertThat(watch.maxInFlight()).as("largest number of messages in flight").isPositive()
                .isLessThan(SMALL_WINDOW);
    }

    /**
     * Publishes for 5 s, stops InfluxDB for {@code outage}, starts it again, publishes 5 s more; then checks that
     * every reading is stored once and that the gateway lived through it all with its heap under its limit.
     */
    private GatewayWatch runThroughOutage(int maxInFlight, Duration outage) throws Exception {
        long start = System.nanoTime();
        try (FaultRig rig = FaultRig.startServers(directory, Fleet.quiet(100))) {
            GatewayProcess gateway = rig.startGateway(config -> config.withMaxInFlight(maxInFlight));
            ReadingPublisher publisher = rig.connectPublisher();
            try (GatewayWatch watch = new GatewayWatch(gateway)) {
                publisher.startPaced(RATE);
                await("readings flowing into InfluxDB").atMost(Duration.ofSeconds(30))
                        .until(() -> rig.storedCount() >= 5L * RATE);

                rig.influx().stop();
                long publishedBefore = publisher.completed();
                await("gateway notices the outage").atMost(Duration.ofSeconds(15)).ignoreExceptions()
                        .until(() -> !gateway.health().path("storage").path("reachable").asBoolean(true));
                await("gateway alive through the outage").during(outage).atMost(outage.plusSeconds(10))
                        .until(gateway::isAlive);
                long publishedDuring = publisher.completed() - publishedBefore;
                rig.influx().start();

                long publishedAtRestart = publisher.completed();
                await("publishing after the outage").atMost(Duration.ofSeconds(30))
                        .until(() -> publisher.completed() >= publishedAtRestart + 5L * RATE);
                publisher.stop();
                rig.assertEveryPublishedReadingStoredOnce(Duration.ofSeconds(90));

                LOG.info("{} s outage at {} readings/s, at most {} in flight: {} published ({} during the outage), "
                        + "heap max {} MiB, old generation after GC max {} MiB, in flight max {}, {} samples, run {} s",
                        outage.toSeconds(), RATE, maxInFlight, publisher.completed(), publishedDuring,
                        watch.maxHeapUsedBytes() >> 20, watch.maxLiveDataBytes() >> 20, watch.maxInFlight(),
                        watch.samples(), Duration.ofNanos(System.nanoTime() - start).toSeconds());
                assertThat(publishedDuring).as("readings published during the outage")
                        .isGreaterThan(outage.toSeconds() * RATE * 9 / 10);
                assertThat(gateway.isAlive()).as("gateway process alive").isTrue();
                assertThat(gateway.starts()).as("gateway processes started").isEqualTo(1);
                assertThat(watch.deadSightings()).as("samples that found the gateway dead").isZero();
                assertThat(gateway.output()).as("gateway log: the broker connection held").doesNotContain(
                        "lost its connection");
                assertThat(watch.samples()).as("heap samples").isGreaterThan(100);
                assertThat(watch.maxHeapUsedBytes()).as("largest heap in use").isPositive()
                        .isLessThan(GatewayProcess.MAX_HEAP_BYTES);
                return watch;
            }
        }
    }
}
