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
 * The broker is stopped in the middle of a run and started again on the same port with its persistence. The gateway's
 * collector must reconnect by itself, and no reading the broker acknowledged may be lost: the broker kept what it had
 * queued for the gateway's persistent session, and the gateway had acknowledged only what it had stored.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class BrokerRestartIT {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerRestartIT.class);
    private static final int RATE = Integer.getInteger("minewatch.fault.rate", 1000);

    /** Kept when the test fails: the logs of the gateway, broker and InfluxDB tell what happened. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;

    @Test
    void reconnectsAndLosesNoAcknowledgedReadingWhenTheBrokerRestarts() throws Exception {
        long start = System.nanoTime();
        try (FaultRig rig = FaultRig.startServers(directory, Fleet.quiet(100))) {
            GatewayProcess gateway = rig.startGateway(config -> config);
            ReadingPublisher publisher = rig.connectPublisher();
            publisher.startPaced(RATE);
            await("readings flowing into InfluxDB").atMost(Duration.ofSeconds(30))
                    .until(() -> rig.storedCount() >= 5L * RATE);

            rig.broker().stop();
            long publishedAtStop = publisher.completed();
            await("collector reconnecting").atMost(Duration.ofSeconds(15)).ignoreExceptions()
                    .until(() -> "reconnecting".equals(collectorState(gateway)));
            long attemptedWhileDown = publisher.attempted();
            await("readings buffered by the publisher while the broker is down").atMost(Duration.ofSeconds(15))
                    .until(() -> publisher.attempted() >= attemptedWhileDown + 3L * RATE);
            assertThat(publisher.completed() - publishedAtStop).as("acknowledged while the broker is down")
                    .isLessThan(RATE);
            rig.broker().start();

            await("collector connected again").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> "connected".equals(collectorState(gateway)));
            long publishedAtRestart = publisher.completed();
            await("publishing after the restart").atMost(Duration.ofSeconds(60))
                    .until(() -> publisher.completed() >= publishedAtRestart + 10L * RATE);
            publisher.stop();

            rig.assertEveryPublishedReadingStoredOnce(Duration.ofSeconds(90));
            LOG.info("broker restart at {} readings/s: {} published, run {} s", RATE, publisher.completed(),
                    Duration.ofNanos(System.nanoTime() - start).toSeconds());
            assertThat(gateway.isAlive()).isTrue();
            assertThat(gateway.starts()).isEqualTo(1);
        }
    }

    private static String collectorState(GatewayProcess gateway) throws Exception {
        return gateway.health().path("collectors").path(0).path("state").asText();
    }
}
