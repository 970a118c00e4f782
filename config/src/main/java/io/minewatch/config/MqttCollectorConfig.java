package io.minewatch.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One MQTT broker to subscribe to ({@code collectors.mqtt[]}).
 *
 * @param name            unique collector name, used in logs, metrics and health
 * @param url             {@code tcp://host:port} or {@code ssl://host:port}
 * @param topics          topic filters; the last two levels of a matching topic are {@code {site}/{sensor}}
 * @param qos             0, 1 or 2 (default 1)
 * @param clientId        MQTT client id (default {@code minewatch-<name>})
 * @param username        optional user name
 * @param password        optional password
 * @param tls             optional TLS trust and key material for {@code ssl://} URLs
 * @param reconnectMin    first reconnect delay (default 1 s), doubled after each failure
 * @param reconnectMax    longest reconnect delay (default 30 s)
 * @param maxPayloadBytes payloads larger than this are rejected as oversized (default 262144)
 * @param keepAlive       MQTT keep-alive: how soon a silently dead link is noticed (default 30 s)
 * @param receiveQueue    messages received and waiting for the pipeline (default 2000); at least the broker's
 *                        in-flight window ({@code max_inflight_messages}) so that waiting for the pipeline never
 *                        holds the client's network thread, which would miss keep-alive answers and drop the link
 */
public record MqttCollectorConfig(String name, URI url, List<String> topics, int qos, String clientId, String username,
        String password, TlsConfig tls, Duration reconnectMin, Duration reconnectMax, int maxPayloadBytes,
        Duration keepAlive, int receiveQueue) {

    public static final List<String> DEFAULT_TOPICS = List.of("minewatch/+/+");
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024;
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
    public static final int DEFAULT_RECEIVE_QUEUE = 20_000;

    public MqttCollectorConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        topics = List.copyOf(topics == null || topics.isEmpty() ? DEFAULT_TOPICS : topics);
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos : " + qos + " (expected: 0, 1 or 2)");
        }
        clientId = clientId == null || clientId.isBlank() ? "minewatch-" + name : clientId;
        reconnectMin = reconnectMin == null ? Duration.ofSeconds(1) : reconnectMin;
        reconnectMax = reconnectMax == null ? Duration.ofSeconds(30) : reconnectMax;
        maxPayloadBytes = maxPayloadBytes <= 0 ? DEFAULT_MAX_PAYLOAD_BYTES : maxPayloadBytes;
        keepAlive = keepAlive == null ? DEFAULT_KEEP_ALIVE : keepAlive;
        if (keepAlive.isNegative() || keepAlive.isZero() || keepAlive.toSeconds() > 65_535
                || keepAlive.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("keepAlive : " + keepAlive + " (expected: whole seconds, 1s..65535s)");
        }
        receiveQueue = receiveQueue <= 0 ? DEFAULT_RECEIVE_QUEUE : receiveQueue;
    }

    /** A collector with the default keep-alive and receive queue. */
    public MqttCollectorConfig(String name, URI url, List<String> topics, int qos, String clientId, String username,
            String password, TlsConfig tls, Duration reconnectMin, Duration reconnectMax, int maxPayloadBytes) {
        this(name, url, topics, qos, clientId, username, password, tls, reconnectMin, reconnectMax, maxPayloadBytes,
                null, 0);
    }

    /** TLS settings: a CA certificate file (PEM) to trust, and optionally a PKCS#12 client key store. */
    public record TlsConfig(Path caFile, Path keyStore, String keyStorePassword) {
    }
}
