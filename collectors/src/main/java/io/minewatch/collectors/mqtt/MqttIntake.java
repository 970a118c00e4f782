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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.IntSupplier;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each received MQTT message to the gateway as an {@link Ingest}: site and sensor from the topic, the payload
 * untouched, and a {@link PahoDelivery} that acknowledges the message when the gateway completes it. A message on a
 * topic without site and sensor is rejected and acknowledged at once.
 *
 * <p>Messages wait in a bounded receive queue, in order, and one hand-over thread of the collector's own passes them
 * to the gateway, blocking there while the gateway applies backpressure. Paho's threads therefore go on reading the
 * socket and answering keep-alives while the gateway is slow; with Paho's thread blocked for longer than the
 * keep-alive the connection would be declared dead and reconnecting could hang. Only a full queue (more
 * unacknowledged messages than the broker should send: its in-flight window) blocks Paho's thread. Never throws into
 * Paho: an exception escaping to it would drop the connection.
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
    private final IntSupplier connection;
    private final BlockingQueue<Ingest> waiting;

    private volatile IngestSink sink;
    private volatile boolean stopped;
    private volatile Thread handOver;
    /** Paho's thread while it waits for room in a full receive queue, interrupted by {@link #stop()}. */
    private volatile Thread waitingForRoom;
    private volatile boolean fullLogged;

    /**
     * @param connection   the current connection's number, changed by the collector whenever a connection ends; a
     *                     message is acknowledged only on the connection it arrived on
     * @param receiveQueue how many messages may wait for the gateway
     */
    MqttIntake(String source, List<String> filters, RejectSink rejects, Clock clock, Counter messages,
            PahoDelivery.Acknowledger acknowledger, IntSupplier connection, int receiveQueue) {
        this.source = source;
        this.topics = new MqttTopics(filters);
        this.filters = List.copyOf(filters);
        this.rejects = rejects;
        this.clock = clock;
        this.messages = messages;
        this.acknowledger = acknowledger;
        this.connection = connection;
        this.waiting = new ArrayBlockingQueue<>(receiveQueue);
    }

    void start(IngestSink sink) {
        this.sink = sink;
        Thread thread = new Thread(this::handOverLoop, "minewatch-mqtt-" + source);
        thread.setDaemon(true);
        handOver = thread;
        thread.start();
    }

    /** Messages received and not yet handed to the gateway. */
    int waiting() {
        return waiting.size();
    }

    /**
     * Stops handing over: interrupts a hand-over blocked by backpressure and Paho's thread if it waits for room, and
     * forgets the waiting messages. None of them was acknowledged, so the broker delivers them again to the next
     * session. May be called more than once.
     */
    void stop() {
        stopped = true;
        interrupt(handOver);
        interrupt(waitingForRoom);
        waiting.clear();
    }

    /** Called on Paho's callback thread. */
    void messageArrived(String topic, MqttMessage message) {
        try {
            Ingest ingest = receive(topic, message);
            if (ingest != null) {
                enqueue(ingest);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.debug("MQTT collector {}: message {} on {} not queued, interrupted; not acknowledged, the broker "
                    + "delivers it again", source, message.getId(), topic);
        } catch (RuntimeException e) {
            log.error("MQTT collector {}: could not take message {} on {}; left unacknowledged, the broker delivers "
                    + "it again after the next reconnection", source, message.getId(), topic, e);
        }
    }

    private Ingest receive(String topic, MqttMessage message) {
        messages.increment();
        if (stopped || sink == null) {
            return null;
        }
        long now = clock.millis();
        byte[] payload = message.getPayload();
        PahoDelivery delivery = new PahoDelivery(acknowledger, message.getId(), message.getQos(),
                connection.getAsInt());
        Optional<MqttTopics.SiteSensor> siteSensor = topics.parse(topic);
        if (siteSensor.isEmpty()) {
            rejectTopic(topic, payload, now);
            delivery.complete();
            return null;
        }
        MqttTopics.SiteSensor where = siteSensor.get();
        return new Ingest(source, topic, where.site(), where.sensor(), payload, now, delivery, message.isDuplicate());
    }

    private void enqueue(Ingest ingest) throws InterruptedException {
        if (waiting.offer(ingest)) {
            return;
        }
        if (!fullLogged) {
            fullLogged = true;
            log.warn("MQTT collector {}: receive queue full ({} messages wait for the pipeline); the MQTT client "
                    + "stops reading until there is room, and may lose its connection if that takes longer than "
                    + "the keep-alive (nothing is lost). Set receive_queue to at least the broker's "
                    + "max_inflight_messages", source, waiting.size());
        }
        waitingForRoom = Thread.currentThread();
        try {
            if (stopped) {
                return;
            }
            waiting.put(ingest);
            if (stopped) {
                waiting.clear(); // stop() made room while this thread waited
            }
        } finally {
            waitingForRoom = null;
        }
    }

    private void handOverLoop() {
        while (!stopped) {
            Ingest ingest;
            try {
                ingest = waiting.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                sink.submit(ingest);
            } catch (InterruptedException e) {
                log.debug("MQTT collector {}: hand-over of a message on {} interrupted; not acknowledged, the "
                        + "broker delivers it again", source, ingest.topic());
                return;
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                log.error("MQTT collector {}: could not hand over a message on {}; left unacknowledged, the broker "
                        + "delivers it again after the next reconnection", source, ingest.topic(), e);
            }
            if (waiting.isEmpty()) {
                fullLogged = false;
            }
        }
    }

    private static void interrupt(Thread thread) {
        if (thread != null) {
            thread.interrupt();
        }
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
