package io.minewatch.collectors.mqtt;

import io.micrometer.core.instrument.Counter;
import io.minewatch.collectors.Ingest;
import io.minewatch.collectors.IngestSink;
import io.minewatch.collectors.reject.PayloadExcerpt;
import io.minewatch.collectors.reject.RejectReason;
import io.minewatch.collectors.reject.RejectSink;
import io.minewatch.collectors.reject.Rejection;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each received MQTT message to the gateway as an {@link Ingest}, on Paho's callback thread: site and sensor
 * from the topic, the payload untouched, and a {@link PahoDelivery} that acknowledges the message when the gateway
 * completes it. A message on a topic without site and sensor is rejected and acknowledged at once. Never throws:
 * an exception escaping to Paho would drop the connection.
 */
final class MqttIntake {

    private static final Logger log = LoggerFactory.getLogger(MqttIntake.class);

    private final String source;
    private final MqttTopics topics;
    private final List<String> filters;
    private final RejectSink rejects;
    private final Clock clock;
    private final Counter messages;
    private final PahoDelivery.Acknowledger acknowledger;

    private volatile IngestSink sink;
    private volatile boolean stopped;
    /** The Paho thread inside {@link IngestSink#submit}, interrupted by {@link #stop()} if it is blocked there. */
    private volatile Thread handingOver;

    MqttIntake(String source, List<String> filters, RejectSink rejects, Clock clock, Counter messages,
            PahoDelivery.Acknowledger acknowledger) {
        this.source = source;
        this.topics = new MqttTopics(filters);
        this.filters = List.copyOf(filters);
        this.rejects = rejects;
        this.clock = clock;
        this.messages = messages;
        this.acknowledger = acknowledger;
    }

    void start(IngestSink sink) {
        this.sink = sink;
    }

    /**
     * Stops handing over, and interrupts a hand-over blocked by backpressure, which would otherwise hold Paho's
     * callback thread and with it the disconnect. Messages not handed over are not acknowledged: the broker delivers
     * them again to the next session. May be called more than once, to catch a hand-over that began meanwhile.
     */
    void stop() {
        stopped = true;
        Thread thread = handingOver;
        if (thread != null) {
            thread.interrupt();
        }
    }

    void messageArrived(String topic, MqttMessage message) {
        handingOver = Thread.currentThread();
        try {
            handle(topic, message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.debug("MQTT collector {}: hand-over of message {} on {} interrupted; not acknowledged, the broker "
                    + "delivers it again", source, message.getId(), topic);
        } catch (RuntimeException e) {
            log.error("MQTT collector {}: could not hand over message {} on {}; left unacknowledged, the broker "
                    + "delivers it again after the next reconnection", source, message.getId(), topic, e);
        } finally {
            handingOver = null;
        }
    }

    private void handle(String topic, MqttMessage message) throws InterruptedException {
        messages.increment();
        IngestSink target = sink;
        if (stopped || target == null) {
            return;
        }
        long now = clock.millis();
        byte[] payload = message.getPayload();
        PahoDelivery delivery = new PahoDelivery(acknowledger, message.getId(), message.getQos());
        Optional<MqttTopics.SiteSensor> siteSensor = topics.parse(topic);
        if (siteSensor.isEmpty()) {
            rejectTopic(topic, payload, now);
            delivery.complete();
            return;
        }
        MqttTopics.SiteSensor where = siteSensor.get();
        target.submit(new Ingest(source, topic, where.site(), where.sensor(), payload, now, delivery));
    }

    private void rejectTopic(String topic, byte[] payload, long now) {
        try {
            rejects.reject(new Rejection(RejectReason.BAD_TOPIC, "topic : " + topic
                    + " (expected: .../{site}/{sensor} after the prefix of " + filters + ")", source, topic,
                    PayloadExcerpt.of(payload), now));
        } catch (RuntimeException e) {
            log.warn("MQTT collector {}: could not record a bad_topic rejection for {}: {}", source, topic,
                    e.toString());
        }
    }
}
