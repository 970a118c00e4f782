package io.minewatch.gateway.fault;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto of the test's own on a fixed loopback port, with its persistence in the test's directory, configured as
 * docs/mosquitto.conf asks for a broker that feeds minewatch: a wide in-flight window and a deep queue per client. It
 * can be stopped (SIGTERM: it saves its persistence) and started again on the same port with the same state.
 */
final class MosquittoBroker implements AutoCloseable {

    private final Path directory;
    private final int port;
    private Process process;
    private int starts;

    MosquittoBroker(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.port = FreePorts.next();
        Files.createDirectories(directory.resolve("persistence"));
        StringBuilder config = new StringBuilder()
                .append("listener ").append(port).append(" 127.0.0.1\n")
                .append("allow_anonymous true\n")
                .append("max_inflight_messages 20000\n")
                .append("max_queued_messages 1000000\n")
                .append("persistent_client_expiration 1d\n")
                .append("persistence true\n")
                .append("persistence_location ").append(directory.resolve("persistence")).append("/\n")
                .append("log_dest file ").append(directory.resolve("mosquitto.log")).append('\n')
                .append("log_type error\nlog_type warning\nlog_type notice\nlog_type information\n")
                .append("connection_messages true\n");
        if ("root".equals(System.getProperty("user.name"))) {
            // Started as root, mosquitto would switch to user "mosquitto", who cannot write this test's private
            // temporary directory (its persistence).
            config.append("user root\n");
        }
        Files.writeString(directory.resolve("mosquitto.conf"), config);
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Starts the broker and returns once it accepts connections. */
    void start() throws IOException {
        Path log = directory.resolve("mosquitto-" + ++starts + ".out");
        process = new ProcessBuilder(binary(), "-c", directory.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        await("mosquitto on port " + port + " (log " + log + ")").atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("mosquitto exited: " + Files.readString(log));
                    }
                    return accepts();
                });
    }

    /** Stops the broker in order (SIGTERM): it writes its persistence, with every queued message, before it exits. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String binary() {
        for (String candidate : List.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "mosquitto";
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
