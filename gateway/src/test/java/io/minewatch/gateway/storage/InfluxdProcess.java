package io.minewatch.gateway.storage;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;

/**
 * An {@code influxd} of the test's own, on free loopback ports with its state in a given directory, that the test can
 * stop and start again to play an outage. Keeps its data across a restart.
 */
final class InfluxdProcess implements AutoCloseable {

    private final Path directory;
    private final Path config;
    private final int httpPort;
    private Process process;

    InfluxdProcess(Path directory) throws IOException {
        this.directory = directory;
        this.httpPort = freePort();
        int rpcPort = freePort();
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
                [monitor]
                  store-enabled = false
                """.formatted(rpcPort, directory, directory, directory, httpPort));
    }

    String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    void start() throws IOException {
        process = new ProcessBuilder("influxd", "-config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("influxd.log").toFile()))
                .start();
        try (InfluxDB client = InfluxDBFactory.connect(url())) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> client.ping().isGood());
        }
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
