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
 * SIGTERM in the middle of a run, as a service manager stops the gateway: it must exit promptly and cleanly, also
 * when InfluxDB is away and what it holds cannot be stored, and whatever it had received and not stored must reach
 * InfluxDB after the next start.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class GracefulShutdownIT {

    private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdownIT.class);
    private static final int RATE = Integer.getInteger("minewatch.fault.rate", 1000);
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    /** Kept when the test fails: the logs of the gateway, broker and InfluxDB tell what happened. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;

    @Test
    void exitsWithinFifteenSecondsOnSigtermAndLosesNothingAcrossTheRestart() throws Exception {
        long start = System.nanoTime();
        try (FaultRig rig = FaultRig.startServers(directory, Fleet.quiet(100))) {
            GatewayProcess gateway = rig.startGateway(config -> config);
            ReadingPublisher publisher = rig.connectPublisher();
            publisher.startPaced(RATE);
            await("ten seconds of readings").atMost(Duration.ofSeconds(30))
                    .until(() -> publisher.completed() >= 10L * RATE && rig.storedCount() >= 5L * RATE);

            assertStopsInOrder(gateway, publisher);

            restartAndAssertEverythingStored(rig, gateway, publisher);
            LOG.info("graceful shutdown at {} readings/s: {} published, run {} s", RATE, publisher.completed(),
                    Duration.ofNanos(System.nanoTime() - start).toSeconds());
        }
    }

    @Test
    void exitsWithinFifteenSecondsOnSigtermWhileInfluxDbIsDownAndLosesNothingAcrossTheRestart() throws Exception {
        long start = System.nanoTime();
        try (FaultRig rig = FaultRig.startServers(directory, Fleet.quiet(100))) {
            GatewayProcess gateway = rig.startGateway(config -> config);
            ReadingPublisher publisher = rig.connectPublisher();
            publisher.startPaced(RATE);
            await("readings flowing into InfluxDB").atMost(Duration.ofSeconds(30))
                    .until(() -> rig.storedCount() >= 5L * RATE);
            rig.influx().stop();
            await("gateway notices the outage").atMost(Duration.ofSeconds(15)).ignoreExceptions()
                    .until(() -> !gateway.health().path("storage").path("reachable").asBoolean(true));

            assertStopsInOrder(gateway, publisher);

            rig.influx().start();
            restartAndAssertEverythingStored(rig, gateway, publisher);
            LOG.info("graceful shutdown without InfluxDB at {} readings/s: {} published, run {} s", RATE,
                    publisher.completed(), Duration.ofNanos(System.nanoTime() - start).toSeconds());
        }
    }

    private static void assertStopsInOrder(GatewayProcess gateway, ReadingPublisher publisher) throws Exception {
        GatewayProcess.Termination termination = gateway.terminate(PATIENCE);
        LOG.info("SIGTERM after {} readings published: exit code {} after {} ms", publisher.completed(),
                termination.exitCode(), termination.took().toMillis());
        assertThat(termination.exitCode()).as("exit code after SIGTERM (-1: still running after %s)", PATIENCE)
                .isIn(0, 143);
        assertThat(termination.took()).isLessThan(PATIENCE);
        assertThat(gateway.output()).as("gateway's output").contains("minewatch stopped");
    }

    private static void restartAndAssertEverythingStored(FaultRig rig, GatewayProcess gateway,
            ReadingPublisher publisher) throws Exception {
        long publishedAtStop = publisher.completed();
        await("readings queued at the broker while the gateway is down").atMost(Duration.ofSeconds(15))
                .until(() -> publisher.completed() >= publishedAtStop + 2L * RATE);
        gateway.start();
        long publishedAtRestart = publisher.completed();
        await("publishing after the restart").atMost(Duration.ofSeconds(30))
                .until(() -> publisher.completed() >= publishedAtRestart + 5L * RATE);
        publisher.stop();
        rig.assertEveryPublishedReadingStoredOnce(Duration.ofSeconds(90));
    }
}
