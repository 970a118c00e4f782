package io.minewatch.collectors.mqtt;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A Mosquitto broker of a test's own, on loopback, that the test can kill and start again on the same port. */
final class MosquittoProcess implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final List<String> extraConfig;
    private Process process;
    private int starts;

    MosquittoProcess(Path dir, int port, List<String> extraConfig) {
        this.dir = dir;
        this.port = port;
        this.extraConfig = List.copyOf(extraConfig);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    /** Starts the broker and returns once it accepts connections. */
    void start() throws IOException {
        Path config = dir.resolve("mosquitto.conf");
        StringBuilder text = new StringBuilder()
                .append("listener ").append(port).append(" 127.0.0.1\n")
                .append("allow_anonymous true\n")
                .append("persistence false\n")
                .append("log_dest stdout\n");
        if ("root".equals(System.getProperty("user.name"))) {
            // Started as root, mosquitto would switch to user "mosquitto", who cannot read this test's private
            // temporary directory (certificates).
            text.append("user root\n");
        }
        extraConfig.forEach(line -> text.append(line).append('\n'));
        Files.writeString(config, text);
        Path log = dir.resolve("mosquitto-" + ++starts + ".log");
        process = new ProcessBuilder(binary(), "-c", config.toString())
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

    /** Kills the broker at once (SIGKILL): no orderly goodbye to its clients. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
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
        kill();
    }
}
