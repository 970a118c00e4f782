package io.minewatch.gateway.uplink;

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

/**
 * A regulator's broker that only speaks TLS: a Mosquitto of the test's own on loopback with a self-signed certificate
 * for 127.0.0.1, made with {@code openssl}.
 */
final class TlsBroker implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final Path certificate;
    private Process process;

    TlsBroker(Path dir) throws IOException, InterruptedException {
        this.dir = Files.createDirectories(dir);
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        this.certificate = dir.resolve("broker.crt");
        Path key = dir.resolve("broker.key");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-out", certificate.toString(), "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1")
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
            throw new IllegalStateException("openssl failed: " + Files.readString(dir.resolve("openssl.log")));
        }
        StringBuilder config = new StringBuilder()
                .append("listener ").append(port).append(" 127.0.0.1\n")
                .append("allow_anonymous true\npersistence false\nlog_dest stdout\n")
                .append("certfile ").append(certificate).append('\n')
                .append("keyfile ").append(key).append('\n');
        if ("root".equals(System.getProperty("user.name"))) {
            config.append("user root\n");
        }
        Files.writeString(dir.resolve("mosquitto.conf"), config);
    }

    String url() {
        return "ssl://127.0.0.1:" + port;
    }

    /** The broker's certificate, the one CA a client must trust. */
    Path certificate() {
        return certificate;
    }

    void start() throws IOException {
        Path log = dir.resolve("mosquitto.log");
        process = new ProcessBuilder(binary(), "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await("TLS mosquitto on port " + port + " (log " + log + ")").atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("mosquitto exited: " + Files.readString(log));
                    }
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                });
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
