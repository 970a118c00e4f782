package io.minewatch.collectors;

import java.util.Objects;

/**
 * One received message, not yet decoded: the raw payload, who sent it where, and the routing key (site and sensor,
 * from the MQTT topic {@code .../{site}/{sensor}}) that picks the event loop evaluating it.
 *
 * @param source         the collector name
 * @param topic          the topic or address it arrived on
 * @param site           site id taken from the topic
 * @param sensor         sensor id taken from the topic
 * @param payload        raw bytes, not to be modified
 * @param receivedAtMillis receive time, epoch milliseconds; a reading without its own time gets this one
 * @param delivery       completed when the message's readings are stored or rejected
 */
public record Ingest(String source, String topic, String site, String sensor, byte[] payload, long receivedAtMillis,
        Delivery delivery) {

    public Ingest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(payload, "payload");
        delivery = delivery == null ? Delivery.NONE : delivery;
    }
}
