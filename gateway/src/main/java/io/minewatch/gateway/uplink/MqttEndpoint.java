package io.minewatch.gateway.uplink;

import io.minewatch.collectors.mqtt.NoDelaySockets;
import io.minewatch.config.UplinkConfig.RegulatorConfig;
import io.minewatch.gateway.journal.JournalEntry;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A regulator's MQTT broker. Each entry is published, as its journal line, to the topic template with {@code {site}}
 * and {@code {sensor}} filled in, and counts as delivered once the broker acknowledges it (PUBACK for QoS 1). The
 * sender's cursor, not an MQTT session, holds what is still to send, so the connection is clean and simply made again
 * after a failure.
 */
public final class MqttEndpoint implements RegulatorEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(MqttEndpoint.class);
    private static final int KEEP_ALIVE_SECONDS = 30;

    private final RegulatorConfig config;
    private final long timeoutMillis;
    private final MqttConnectOptions options;
    private MqttAsyncClient client;

    public MqttEndpoint(RegulatorConfig config) {
        this.config = config;
        this.timeoutMillis = config.timeout().toMillis();
        this.options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(KEEP_ALIVE_SECONDS);
        options.setConnectionTimeout((int) Math.max(1, config.timeout().toSeconds()));
        options.setMaxInflight(16);
        if (config.username() != null) {
            options.setUserName(config.username());
        }
        if (config.password() != null) {
            options.setPassword(config.password().toCharArray());
        }
        options.setSocketFactory(NoDelaySockets.forBroker(config.url(), config.tls()));
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public String type() {
        return "mqtt";
    }

    @Override
    public String target() {
        return config.url() + " " + config.topic();
    }

    /** The topic of an entry: the template with its site and sensor. */
    static String topic(String template, JournalEntry entry) {
        return template.replace("{site}", entry.site()).replace("{sensor}", entry.sensor());
    }

    @Override
    public void deliver(JournalEntry entry) throws DeliveryException {
        try {
            connected().publish(topic(config.topic(), entry), message(entry)).waitForCompletion(timeoutMillis);
        } catch (MqttException | RuntimeException e) {
            drop();
            throw DeliveryException.retry("publish to " + config.url() + " failed: " + e, e);
        }
    }

    private MqttMessage message(JournalEntry entry) {
        MqttMessage message = new MqttMessage(entry.line());
        message.setQos(config.qos());
        message.setRetained(false);
        return message;
    }

    private MqttAsyncClient connected() throws MqttException {
        if (client != null && client.isConnected()) {
            return client;
        }
        drop();
        MqttAsyncClient fresh = new MqttAsyncClient(config.url().toString(), config.clientId(),
                new MemoryPersistence());
        try {
            fresh.connect(options).waitForCompletion(timeoutMillis);
        } catch (MqttException | RuntimeException e) {
            closeQuietly(fresh);
            throw e;
        }
        LOG.info("Uplink {} connected to {}", config.name(), config.url());
        client = fresh;
        return fresh;
    }

    private void drop() {
        if (client != null) {
            closeQuietly(client);
            client = null;
        }
    }

    private void closeQuietly(MqttAsyncClient c) {
        try {
            if (c.isConnected()) {
                c.disconnectForcibly(0, 1_000);
            }
        } catch (MqttException e) {
            LOG.debug("Uplink {}: disconnect from {}: {}", config.name(), config.url(), e.toString());
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            LOG.debug("Uplink {}: close of {}: {}", config.name(), config.url(), e.toString());
        }
    }

    @Override
    public void close() {
        drop();
    }
}
