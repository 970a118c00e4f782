package io.minewatch.gateway.fault;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;

/**
 * An {@code influxd} (1.x) of the test's own on free loopback ports, its data in the test's directory; it can be
 * stopped and started again to play an outage and keeps its data across.
 */
public final class InfluxServer implements AutoCloseable {

    private final Path directory;
    private final Path config;
    private final int httpPort;
    private Process process;
    private int starts;

    public InfluxServer(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.httpPort = FreePorts.next();
        this.config = directory.resolve("influxdb.conf");
        Files.writeString(config, """
                reporting-disabled = true
                bind-address = "127.0.0.1:%d"
                [meta]
                  dir = "%s/meta"
                [data]
                  dir = "%s/data"
                  wal-dir = "%s/wal"
                  query-log-enabled = false
                [http]
                  bind-address = "127.0.0.1:%d"
                  log-enabled = false
                  max-row-limit = 0
                [monitor]
                  store-enabled = false
                """.formatted(FreePorts.next(), directory, directory, directory, httpPort));
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int port() {
        return httpPort;
    }

    /** Starts influxd and returns once it answers a ping. */
    public void start() throws IOException {
        process = new ProcessBuilder("influxd", "-config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("influxd-" + ++starts + ".log").toFile())
                .start();
        try (InfluxDB client = InfluxDBFactory.connect(url())) {
            await("influxd on port " + httpPort).atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> client.ping().isGood());
        }
    }

    /** Stops influxd in order (SIGTERM), as an operator or a crashed host would take it away from the gateway. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
