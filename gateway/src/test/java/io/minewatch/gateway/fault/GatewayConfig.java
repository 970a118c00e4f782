package io.minewatch.gateway.fault;

import java.nio.file.Path;

/**
 * The configuration a fault test runs the gateway with: one MQTT collector with a fixed client id (its persistent
 * session outlives the gateway process), InfluxDB, the local directory in the test's temporary directory, and an HTTP
 * port of the test's choosing so that it can read {@code /health} and {@code /metrics}.
 */
record GatewayConfig(String brokerUrl, String influxUrl, Path dataDirectory, int httpPort, int maxInFlight,
        Fleet fleet, String extraYaml) {

    static final String CLIENT_ID = "minewatch-fault-gateway";
    static final String DATABASE = "minewatch";
    /**
     * Far shorter than production's 30 s, so that a collector whose network thread is held (by backpressure, say)
     * loses its connection within a test's load phase, and the tests see it.
     */
    static final java.time.Duration KEEP_ALIVE = java.time.Duration.ofSeconds(5);
    /** The pipeline's default. */
    static final int DEFAULT_MAX_IN_FLIGHT = 20_000;

    static GatewayConfig of(String brokerUrl, String influxUrl, Path dataDirectory, Fleet fleet) {
        return new GatewayConfig(brokerUrl, influxUrl, dataDirectory, FreePorts.next(), DEFAULT_MAX_IN_FLIGHT, fleet,
                "");
    }

    GatewayConfig withBrokerUrl(String url) {
        return new GatewayConfig(url, influxUrl, dataDirectory, httpPort, maxInFlight, fleet, extraYaml);
    }

    GatewayConfig withInfluxUrl(String url) {
        return new GatewayConfig(brokerUrl, url, dataDirectory, httpPort, maxInFlight, fleet, extraYaml);
    }

    GatewayConfig withMaxInFlight(int messages) {
        return new GatewayConfig(brokerUrl, influxUrl, dataDirectory, httpPort, messages, fleet, extraYaml);
    }

    /** With further top-level sections (such as {@code uplink:}) in the configuration. */
    GatewayConfig withExtraYaml(String yaml) {
        return new GatewayConfig(brokerUrl, influxUrl, dataDirectory, httpPort, maxInFlight, fleet, yaml);
    }

    String yaml() {
        return """
                http: { bind: 127.0.0.1, port: %d }
                collectors:
                  mqtt:
                    - { name: fault-broker, url: "%s", topics: ["minewatch/+/+"], qos: 1, client_id: %s,
                        reconnect_min: 200ms, reconnect_max: 2s, keep_alive: %ds }
                storage:
                  influxdb: { url: "%s", database: %s }
                  local: { path: "%s" }
                pipeline: { event_loops: 2, max_in_flight: %d }
                """.formatted(httpPort, brokerUrl, CLIENT_ID, KEEP_ALIVE.toSeconds(), influxUrl, DATABASE, dataDirectory,
                        maxInFlight)
                + extraYaml + fleet.sitesYaml();
    }
}
