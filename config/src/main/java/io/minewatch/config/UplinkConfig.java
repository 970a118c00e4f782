package io.minewatch.config;

import io.minewatch.config.MqttCollectorConfig.TlsConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The tamper-evident alarm journal ({@code journal:}) and the regulators every alarm event is delivered to from it
 * ({@code uplink: { regulators: [...] }}).
 *
 * @param journal    where the journal is kept
 * @param regulators the endpoints, each fed from the journal at its own pace; empty: the journal is still kept
 */
public record UplinkConfig(JournalConfig journal, List<RegulatorConfig> regulators) {

    /** The journal in its default place, no regulator. */
    public static final UplinkConfig NONE = new UplinkConfig(JournalConfig.DEFAULT, List.of());

    public UplinkConfig {
        journal = journal == null ? JournalConfig.DEFAULT : journal;
        regulators = List.copyOf(regulators == null ? List.of() : regulators);
    }

    /**
     * The journal's directory and file size.
     *
     * @param path         directory of the journal files, or null for {@code <storage.local.path>/journal}
     * @param segmentBytes size after which a new journal file starts (default 64 MiB; values &le; 0 take it)
     * @param syncTimeout  how long a message with alarm transitions waits for the journal's sync before it is left
     *                     unacknowledged for the broker to deliver again (default 10 s)
     */
    public record JournalConfig(Path path, long segmentBytes, Duration syncTimeout) {

        public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
        public static final JournalConfig DEFAULT = new JournalConfig(null, 0, null);

        public JournalConfig {
            segmentBytes = segmentBytes <= 0 ? DEFAULT_SEGMENT_BYTES : segmentBytes;
            syncTimeout = syncTimeout == null ? Duration.ofSeconds(10) : syncTimeout;
        }

        /** The journal directory: {@code path}, or {@code journal} under the local store's directory. */
        public Path directory(Path localStorePath) {
            return path != null ? path : localStorePath.resolve("journal");
        }
    }

    /** How a regulator takes events. */
    public enum EndpointType {
        /** Publish to the regulator's MQTT broker at QoS 1. */
        MQTT,
        /** HTTP POST of the entry as JSON, with a bearer token. */
        WEBHOOK;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<EndpointType> byId(String id) {
            for (EndpointType type : values()) {
                if (type.id().equals(id)) {
                    return Optional.of(type);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * One regulator endpoint ({@code uplink.regulators[]}).
     *
     * @param name       unique name, used in logs, metrics, health and the cursor file
     * @param type       mqtt or webhook
     * @param url        mqtt: {@code tcp://} or {@code ssl://} broker URL; webhook: {@code http://} or {@code https://}
     * @param topic      mqtt: topic template, {@code {site}} and {@code {sensor}} replaced per event (default
     *                   {@code regulator/{site}/{sensor}}); a topic without placeholders is used as it is
     * @param qos        mqtt: 1 (default) or 2
     * @param clientId   mqtt: client id (default {@code minewatch-uplink-<name>})
     * @param username   mqtt: optional user name
     * @param password   mqtt: optional password
     * @param tls        mqtt: optional trust and key material for {@code ssl://}
     * @param token      webhook: optional bearer token
     * @param timeout    how long one delivery may take before it counts as failed (default 10 s)
     * @param retryMin   first delay after a failed delivery (default 1 s), doubled after each further failure
     * @param retryMax   longest delay between attempts (default 60 s)
     */
    public record RegulatorConfig(String name, EndpointType type, URI url, String topic, int qos, String clientId,
            String username, String password, TlsConfig tls, String token, Duration timeout, Duration retryMin,
            Duration retryMax) {

        public static final String DEFAULT_TOPIC = "regulator/{site}/{sensor}";

        public RegulatorConfig {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(url, "url");
            topic = topic == null || topic.isBlank() ? DEFAULT_TOPIC : topic;
            qos = qos == 0 ? 1 : qos;
            if (qos < 1 || qos > 2) {
                throw new IllegalArgumentException("qos : " + qos + " (expected: 1 or 2)");
            }
            clientId = clientId == null || clientId.isBlank() ? "minewatch-uplink-" + name : clientId;
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
            retryMin = retryMin == null ? Duration.ofSeconds(1) : retryMin;
            retryMax = retryMax == null ? Duration.ofSeconds(60) : retryMax;
            if (retryMax.compareTo(retryMin) < 0) {
                throw new IllegalArgumentException("retryMax : " + retryMax + " (expected: >= retryMin " + retryMin
                        + ")");
            }
        }
    }
}
