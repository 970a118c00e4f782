package io.minewatch.simulators.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.minewatch.simulators.demo.DemoSites;
import io.minewatch.simulators.fleet.Fleet;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Behaviour without a broker; publishing to a real one is in {@link FleetPublisherIT}. */
class FleetPublisherTest {

    private final Clock clock = Clock.fixed(Instant.parse("2025-11-22T09:30:00Z"), ZoneOffset.UTC);
    private final Fleet fleet = DemoSites.fleet(1, clock.instant());
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void shutDown() {
        scheduler.shutdownNow();
    }

    @Test
    void skipsReadingsAndKeepsTryingWhileTheBrokerIsUnreachable() throws IOException {
        FleetPublisher publisher = new FleetPublisher(
                PublisherSettings.of("tcp://127.0.0.1:" + closedPort()).withPeriod(Duration.ofMillis(20)),
                fleet, scheduler, clock);

        publisher.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> publisher.skipped() >= 3L * fleet.size());

            assertThat(publisher.published()).isZero();
            assertThat(publisher.failed()).isZero();
            assertThat(publisher.connected()).isFalse();
            assertThat(publisher.skipped() % fleet.size()).as("whole ticks skipped").isZero();
        } finally {
            publisher.stop();
        }
    }

    @Test
    void stopsTickingWhenStoppedAndMayBeStoppedTwice() throws IOException {
        FleetPublisher publisher = new FleetPublisher(
                PublisherSettings.of("tcp://127.0.0.1:" + closedPort()).withPeriod(Duration.ofMillis(20)),
                fleet, scheduler, clock);
        publisher.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> publisher.skipped() > 0);

        publisher.stop();
        publisher.stop();
        long skipped = publisher.skipped();

        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                .until(() -> publisher.skipped() == skipped);
    }

    @Test
    void startsOnlyOnce() throws IOException {
        FleetPublisher publisher = new FleetPublisher(
                PublisherSettings.of("tcp://127.0.0.1:" + closedPort()).withClientId("mwfleet-once"),
                fleet, scheduler, clock);
        publisher.start();
        try {
            assertThatThrownBy(publisher::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("publisher mwfleet-once : started (expected: a new one)");
        } finally {
            publisher.stop();
        }
    }

    /** A loopback port nothing listens on: connecting to it is refused at once. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
