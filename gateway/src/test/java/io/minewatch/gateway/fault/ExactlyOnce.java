package io.minewatch.gateway.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check every fault test ends with: every reading the broker acknowledged to the publisher is in InfluxDB, once,
 * with its value, and InfluxDB holds no reading the publisher never sent.
 *
 * <p>InfluxDB keeps one point per series and time, so a reading stored twice at its own time is one point: "exactly
 * once" fails when a reading is missing, or lands at another time (a second point), or with another value.
 */
final class ExactlyOnce {

    private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnce.class);

    private ExactlyOnce() {
    }

    /**
     * Waits at most {@code drainTimeout} until InfluxDB holds as many points as were published, then compares them
     * reading by reading.
     */
    static void assertEveryPublishedReadingStoredOnce(ReadingPublisher publisher, StoredReadings stored, String site,
            Duration drainTimeout) {
        Map<String, List<PublishedReading>> published = publisher.published();
        Map<String, List<PublishedReading>> sent = publisher.sent();
        long count = publisher.completed();
        long start = System.nanoTime();
        try {
            await("gateway drained: " + count + " readings published").atMost(drainTimeout)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> stored.count(site) >= count);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("InfluxDB holds " + stored.count(site) + " readings " + drainTimeout.toSeconds()
                    + " s after publishing stopped; " + count + " were published: "
                    + problems(published, sent, stored.readings(site)), e);
        }
        LOG.info("InfluxDB holds the {} published readings' count {} ms after publishing stopped", count,
                Duration.ofNanos(System.nanoTime() - start).toMillis());
        await("every published reading stored once").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(problems(published, sent, stored.readings(site)))
                        .as("published readings compared with InfluxDB").isEmpty());
    }

    private static List<String> problems(Map<String, List<PublishedReading>> published,
            Map<String, List<PublishedReading>> sent, Map<String, Map<Long, Double>> stored) {
        List<String> problems = new ArrayList<>();
        Set<String> sensors = new TreeSet<>(published.keySet());
        sensors.addAll(stored.keySet());
        for (String sensor : sensors) {
            Map<Long, Double> points = stored.getOrDefault(sensor, Map.of());
            List<PublishedReading> mine = published.getOrDefault(sensor, List.of());
            List<Long> missing = new ArrayList<>();
            List<String> wrong = new ArrayList<>();
            for (PublishedReading reading : mine) {
                Double value = points.get(reading.timestampMillis());
                if (value == null) {
                    missing.add(reading.timestampMillis());
                } else if (value != reading.value()) {
                    wrong.add(reading.timestampMillis() + ": " + value + " instead of " + reading.value());
                }
            }
            Set<Long> known = sent.getOrDefault(sensor, List.of()).stream().map(PublishedReading::timestampMillis)
                    .collect(Collectors.toCollection(HashSet::new));
            List<Long> strangers = points.keySet().stream().filter(t -> !known.contains(t)).sorted().toList();
            if (!missing.isEmpty()) {
                problems.add(sensor + ": " + missing.size() + " of " + mine.size() + " published readings missing, "
                        + "first at " + missing.subList(0, Math.min(5, missing.size())));
            }
            if (!wrong.isEmpty()) {
                problems.add(sensor + ": " + wrong.size() + " readings with another value, e.g. " + wrong.get(0));
            }
            if (!strangers.isEmpty()) {
                problems.add(sensor + ": " + strangers.size() + " points at times never published, first at "
                        + strangers.subList(0, Math.min(5, strangers.size())));
            }
        }
        return problems;
    }
}
