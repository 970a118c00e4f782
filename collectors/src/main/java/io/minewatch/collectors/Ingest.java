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
 * @param redelivered    true when the source says it may have delivered this message before (MQTT's DUP flag: the
 *                       broker sends again a message it sent and got no acknowledgement for); its readings may have
 *                       been evaluated already, by this process or by the one before a restart
 */
public record Ingest(String source, String topic, String site, String sensor, byte[] payload, long receivedAtMillis,
        Delivery delivery, boolean redelivered) {

    public Ingest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(payload, "payload");
        delivery = delivery == null ? Delivery.NONE : delivery;
    }

    /** A message delivered for the first time. */
    public Ingest(String source, String topic, String site, String sensor, byte[] payload, long receivedAtMillis,
            Delivery delivery) {
        this(source, topic, site, sensor, payload, receivedAtMillis, delivery, false);
    }

    /** The same message with {@code other} as its delivery. */
    public Ingest withDelivery(Delivery other) {
        return new Ingest(source, topic, site, sensor, payload, receivedAtMillis, other, redelivered);
    }
}
