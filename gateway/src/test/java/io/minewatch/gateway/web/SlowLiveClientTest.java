package io.minewatch.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 10,000 readings/s for 2,000 sensors flow through the pipeline while one live client reads nothing at all: the
 * pipeline takes every reading, the stalled client is skipped (sampled), and a normal client still sees the latest
 * value of every sensor. No wall-clock assertion: the proof is that nothing was lost or held up behind the client.
 */
class SlowLiveClientTest {

    private static final Logger LOG = LoggerFactory.getLogger(SlowLiveClientTest.class);
    private static final int SENSORS = 2_000;
    /** Every 10 ms, 10 messages of 10 readings each, as a site gateway batches them: 10,000 readings/s. */
    private static final int MESSAGES_PER_TICK = 10;
    private static final int READINGS_PER_MESSAGE = 10;
    private static final int PER_TICK = MESSAGES_PER_TICK * READINGS_PER_MESSAGE;
    /** At least 6 s of load, and on until the stalled client has been skipped (at most 90 s). */
    private static final int MIN_TICKS = 600;
    private static final int MAX_TICKS = 9_000;

    @TempDir
    Path dataDir;

    @Test
    void aStalledClientIsSampledWhileThePipelineTakesEveryReading() throws Exception {
        try (ControlRoomRig rig = new ControlRoomRig(dataDir)) {
            URI ws = URI.create("ws://127.0.0.1:" + rig.gateway.httpPort() + "/ws/live");
            String subscribeAll = "{\"type\":\"subscribe\",\"sites\":[\"*\"]}";
            try (LiveClientProbe normal = new LiveClientProbe(rig.http, ws, rig.login("op"));
                 StalledSocketClient stalled = new StalledSocketClient(rig.gateway.httpPort(), rig.login("op"),
                         subscribeAll)) {
                assertThat(stalled.handshakeResponse).startsWith("HTTP/1.1 101");
                normal.send(subscribeAll);
                await().atMost(Duration.ofSeconds(5)).until(() -> rig.gateway.controlRoom().hub().clients() == 2);

                Map<String, Double> lastValues = new ConcurrentHashMap<>();
                AtomicInteger ticks = new AtomicInteger();
                java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
                long base = System.currentTimeMillis() - 60_000;
                ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();
                long started = System.nanoTime();
                producer.scheduleAtFixedRate(() -> {
                    int tick = ticks.get();
                    if (stop.get() || tick >= MAX_TICKS) {
                        stop.set(true);
                        return;
                    }
                    try {
                        for (int m = 0; m < MESSAGES_PER_TICK; m++) {
                            int message = tick * MESSAGES_PER_TICK + m;
                            String sensor = "LOAD-%04d".formatted(message % SENSORS);
                            double[] values = new double[READINGS_PER_MESSAGE];
                            for (int i = 0; i < values.length; i++) {
                                values[i] = 0.1 + ((message * READINGS_PER_MESSAGE + i) % 37) / 100.0;
                            }
                            rig.readings("LOAD", sensor, values, base + (long) message * READINGS_PER_MESSAGE,
                                    "ch4");
                            lastValues.put(sensor, values[values.length - 1]);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    ticks.incrementAndGet();
                }, 0, 10, TimeUnit.MILLISECONDS);
                try {
                    await().atMost(Duration.ofSeconds(120)).until(() -> stop.get() || (ticks.get() >= MIN_TICKS
                            && counter(rig, "minewatch.websocket.frames.skipped") > 0));
                    stop.set(true);
                    producer.shutdown();
                    assertThat(producer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
                    long total = (long) ticks.get() * PER_TICK;
                    double offeredPerSecond = total / ((System.nanoTime() - started) / 1e9);
                    await().atMost(Duration.ofSeconds(30)).until(() -> rig.gateway.live().readingsSeen() == total);
                    double processedPerSecond = total / ((System.nanoTime() - started) / 1e9);
                    LOG.info("Offered {} readings/s, processed {} readings/s with a stalled live client",
                            Math.round(offeredPerSecond), Math.round(processedPerSecond));
                } finally {
                    producer.shutdownNow();
                }

                long total = (long) ticks.get() * PER_TICK;
                assertThat(rig.gateway.live().readingsSeen()).isEqualTo(total);
                assertThat(counter(rig, "minewatch.websocket.frames.skipped")).isPositive();
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(latestValues(normal)).containsAllEntriesOf(lastValues));
                long received = normal.ofType("changes").stream().mapToLong(f -> f.get("readings").size()).sum();
                LOG.info("Normal client: {} frames, {} readings of {} sent; frames skipped for the stalled one: {}",
                        normal.ofType("changes").size(), received, total,
                        counter(rig, "minewatch.websocket.frames.skipped"));
                assertThat(received).isLessThan(total);
            }
        }
    }

    private static double counter(ControlRoomRig rig, String name) {
        Counter counter = rig.gateway.metrics().find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    private static Map<String, Double> latestValues(LiveClientProbe client) {
        Map<String, Double> latest = new java.util.HashMap<>();
        for (JsonNode frame : client.frames) {
            JsonNode rows = frame.path("type").asText().equals("snapshot") ? frame.get("sensors")
                    : frame.path("readings");
            for (JsonNode row : rows) {
                if (!row.get("value").isNull()) {
                    latest.put(row.get("sensor").asText(), row.get("value").asDouble());
                }
            }
        }
        return latest;
    }
}
