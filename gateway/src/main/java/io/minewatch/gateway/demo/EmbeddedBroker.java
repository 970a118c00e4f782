package io.minewatch.gateway.demo;

import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.util.Properties;

/** An MQTT broker inside the process (Moquette), for the demo: loopback only, anonymous, in memory, no telemetry. */
public final class EmbeddedBroker implements AutoCloseable {

    private final String host;
    private final int port;
    private final Server server = new Server();

    public EmbeddedBroker(String host, int port) {
        this.host = host;
        this.port = port;
    }

    public void start() throws IOException {
        Properties properties = new Properties();
        properties.setProperty(IConfig.HOST_PROPERTY_NAME, host);
        properties.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
        properties.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
        properties.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        properties.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        server.startServer(new MemoryConfig(properties));
    }

    public String url() {
        return "tcp://" + host + ":" + port;
    }

    @Override
    public void close() {
        server.stopServer();
    }
}
