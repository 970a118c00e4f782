package io.minewatch.simulators.mqtt;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Where and how often a {@link FleetPublisher} publishes.
 *
 * @param brokerUrl broker, {@code tcp://host:port} (or {@code ssl://}, {@code ws://}, {@code wss://})
 * @param clientId  MQTT client id, unique on the broker
 * @param topicRoot first topic level: readings go to {@code {topicRoot}/{site}/{sensor}}
 * @param period    time between two readings of a sensor
 */
public record PublisherSettings(String brokerUrl, String clientId, String topicRoot, Duration period) {

    public static final String DEFAULT_TOPIC_ROOT = "minewatch";
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(1);

    private static final Set<String> SCHEMES = Set.of("tcp", "ssl", "ws", "wss");
    private static final Duration MIN_PERIOD = Duration.ofMillis(10);

    public PublisherSettings {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(topicRoot, "topicRoot");
        Objects.requireNonNull(period, "period");
        requireBrokerUrl(brokerUrl);
        if (clientId.isBlank()) {
            throw new IllegalArgumentException("clientId : '' (expected: a non-blank MQTT client id)");
        }
        if (topicRoot.isBlank() || topicRoot.startsWith("/") || topicRoot.endsWith("/") || topicRoot.contains("+")
                || topicRoot.contains("#")) {
            throw new IllegalArgumentException("topicRoot : '" + topicRoot
                    + "' (expected: topic levels without wildcards or a leading or trailing '/', like minewatch)");
        }
        if (period.compareTo(MIN_PERIOD) < 0) {
            throw new IllegalArgumentException("period : " + period + " (expected: >= " + MIN_PERIOD + ")");
        }
    }

    /** Publishes to {@code minewatch/{site}/{sensor}} every second under a generated client id. */
    public static PublisherSettings of(String brokerUrl) {
        // Wall time here only makes the id unique on a shared broker; no behaviour depends on it.
        String clientId = "mwfleet-" + Long.toHexString(System.nanoTime());
        return new PublisherSettings(brokerUrl, clientId, DEFAULT_TOPIC_ROOT, DEFAULT_PERIOD);
    }

    public PublisherSettings withClientId(String newClientId) {
        return new PublisherSettings(brokerUrl, newClientId, topicRoot, period);
    }

    public PublisherSettings withTopicRoot(String newTopicRoot) {
        return new PublisherSettings(brokerUrl, clientId, newTopicRoot, period);
    }

    public PublisherSettings withPeriod(Duration newPeriod) {
        return new PublisherSettings(brokerUrl, clientId, topicRoot, newPeriod);
    }

    /** The topic of one sensor's readings. */
    public String topicOf(String site, String sensor) {
        return topicRoot + "/" + site + "/" + sensor;
    }

    private static void requireBrokerUrl(String brokerUrl) {
        String expected = " (expected: tcp://host:port, or ssl://, ws://, wss://)";
        try {
            URI uri = new URI(brokerUrl);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!SCHEMES.contains(scheme) || uri.getHost() == null) {
                throw new IllegalArgumentException("brokerUrl : " + brokerUrl + expected);
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("brokerUrl : " + brokerUrl + expected, e);
        }
    }
}
