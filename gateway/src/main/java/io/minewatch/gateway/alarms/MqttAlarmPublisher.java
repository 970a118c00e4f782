package io.minewatch.gateway.alarms;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.collectors.mqtt.NoDelaySockets;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.DisconnectedBufferOptions;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every alarm transition to {@code {prefix}/{site}/{sensor}} at QoS 1. Publishing never blocks the event
 * loop: while the broker is away, Paho's disconnected buffer holds up to {@value #BUFFER} events and sends them on
 * reconnect.
 */
public final class MqttAlarmPublisher implements AlarmListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttAlarmPublisher.class);
    private static final int BUFFER = 100_000;

    private final MqttAsyncClient client;
    private final String topicPrefix;
    private final AlarmJson json;
    private final Counter published;
    private final Counter failed;
    private final URI url;
    private final ScheduledExecutorService scheduler;

    public MqttAlarmPublisher(URI url, String clientId, String topicPrefix, AlarmJson json, MeterRegistry registry,
            ScheduledExecutorService scheduler) throws MqttException {
        this.url = url;
        this.scheduler = scheduler;
        this.topicPrefix = topicPrefix;
        this.json = json;
        this.client = new MqttAsyncClient(url.toString(), clientId, new MemoryPersistence());
        DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
        buffer.setBufferEnabled(true);
        buffer.setBufferSize(BUFFER);
        buffer.setDeleteOldestMessages(false);
        buffer.setPersistBuffer(false);
        client.setBufferOpts(buffer);
        this.published = Counter.builder("minewatch.alarms.published").tag("output", "mqtt").register(registry);
        this.failed = Counter.builder("minewatch.alarms.publish.failures").tag("output", "mqtt").register(registry);
    }

    /** Connects in the background; reconnects by itself after a loss, and retries a first failed connection. */
    public void start() {
        connect(1_000);
    }

    private void connect(long nextDelayMillis) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setAutomaticReconnect(true);
        options.setCleanSession(true);
        options.setMaxInflight(10_000);
        options.setMaxReconnectDelay(30_000);
        options.setSocketFactory(NoDelaySockets.forBroker(url, null));
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    LOG.info("Alarm publisher connected to {}", url);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    // Paho reconnects by itself only after a first success; until then we retry.
                    LOG.warn("Alarm publisher could not connect to {}: {}; events are buffered, retry in {} ms", url,
                            cause.toString(), nextDelayMillis);
                    scheduler.schedule(() -> connect(Math.min(nextDelayMillis * 2, 30_000)), nextDelayMillis,
                            TimeUnit.MILLISECONDS);
                }
            });
        } catch (MqttException e) {
            LOG.warn("Alarm publisher could not start connecting to {}: {}", url, e.toString());
            scheduler.schedule(() -> connect(Math.min(nextDelayMillis * 2, 30_000)), nextDelayMillis,
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void onAlarm(AlarmEvent event) {
        String topic = topicPrefix + "/" + event.site() + "/" + event.sensor();
        MqttMessage message = new MqttMessage(json.toBytes(event));
        message.setQos(1);
        try {
            client.publish(topic, message);
            published.increment();
        } catch (MqttException e) {
            failed.increment();
            LOG.error("Alarm event {} for {}/{} could not be queued for {}: {}", event.id(), event.site(),
                    event.sensor(), url, e.toString());
        }
    }

    /** Publishes {@code payload} to {@code topic} at QoS 1 (used for notifications to people); never blocks. */
    public void publish(String topic, byte[] payload) {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        try {
            client.publish(topic, message);
            published.increment();
        } catch (MqttException e) {
            failed.increment();
            LOG.error("Message to {} could not be queued for {}: {}", topic, url, e.toString());
        }
    }

    /** Publishes an alarm the gateway raises about itself to {@code {prefix}/_gateway/{code}}. */
    public void publishSystem(SystemAlarms.SystemAlarmEvent event) {
        ObjectNode node = json.mapper().createObjectNode()
                .put("code", event.code())
                .put("transition", event.transition())
                .put("level", event.level().id())
                .put("severity", event.level().severity())
                .put("message", event.message())
                .put("event_time", Instant.ofEpochMilli(event.atMillis()).toString());
        try {
            MqttMessage message = new MqttMessage(json.mapper().writeValueAsBytes(node));
            message.setQos(1);
            client.publish(topicPrefix + "/_gateway/" + event.code(), message);
            published.increment();
        } catch (MqttException | com.fasterxml.jackson.core.JsonProcessingException e) {
            failed.increment();
            LOG.error("System alarm {} could not be queued for {}: {}", event.code(), url, e.toString());
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(5_000).waitForCompletion(5_000);
            }
            client.close();
        } catch (MqttException e) {
            LOG.debug("Alarm publisher close: {}", e.toString());
        }
    }
}
