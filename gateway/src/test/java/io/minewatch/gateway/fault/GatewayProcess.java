package io.minewatch.gateway.fault;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gateway as operators run it: the shaded jar in a JVM of its own ({@code java -Xmx256m -jar
 * minewatch-gateway-all.jar run --config FILE}), which the test can kill (SIGKILL), stop (SIGTERM) and start again
 * with the same configuration. The jar is the one Maven's {@code package} phase builds before the integration tests.
 *
 * <p>The JVM exits on an {@link OutOfMemoryError} instead of limping on, so that a heap that grows without bound shows
 * as a dead process.
 */
final class GatewayProcess implements AutoCloseable {

    static final long MAX_HEAP_BYTES = 256L * 1024 * 1024;
    private static final Path JAR = Path.of("target", "minewatch-gateway-all.jar");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How an ordered stop went. */
    record Termination(int exitCode, Duration took) {
    }

    private final Path directory;
    private final Path configFile;
    private final GatewayConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private Path log;
    private int starts;

    GatewayProcess(Path directory, GatewayConfig config) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.config = config;
        this.configFile = directory.resolve("minewatch.yaml");
        Files.writeString(configFile, config.yaml());
    }

    static Path jar() {
        Path jar = JAR.toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the shaded gateway jar " + jar + " is missing: run the fault tests "
                    + "through Maven's verify phase (./mvnw -pl gateway -am verify), whose package phase builds it; "
                    + "the working directory must be the gateway module");
        }
        return jar;
    }

    /** Starts the process and returns once its MQTT collector is subscribed. */
    void start() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        log = directory.resolve("gateway-" + ++starts + ".log");
        process = new ProcessBuilder(List.of(java.toString(), "-Xmx" + (MAX_HEAP_BYTES >> 20) + "m",
                "-XX:+ExitOnOutOfMemoryError",
                "-jar", jar().toString(), "run", "--config", configFile.toString()))
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        await("gateway start " + starts + " (log " + log + ")").atMost(START_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("gateway exited with " + process.exitValue() + ": "
                                + Files.readString(log));
                    }
                    return "connected".equals(health().path("collectors").path(0).path("state").asText());
                });
    }

    /** Kills the process at once (SIGKILL): nothing is flushed, nothing acknowledged any more. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("gateway pid " + process.pid() + " survived SIGKILL for 10 s");
        }
    }

    /** Asks the process to stop (SIGTERM) and waits for it at most {@code patience}, then kills it. */
    Termination terminate(Duration patience) throws InterruptedException {
        long start = System.nanoTime();
        process.destroy();
        boolean exited = process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (!exited) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return new Termination(-1, took);
        }
        return new Termination(process.exitValue(), took);
    }

    /** What the process started last wrote to its standard output and error. */
    String output() throws IOException {
        return Files.readString(log);
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** How many times the process was started. */
    int starts() {
        return starts;
    }

    JsonNode health() throws IOException, InterruptedException {
        return JSON.readTree(get("/health"));
    }

    /** The Prometheus text of {@code /metrics}. */
    String metrics() throws IOException, InterruptedException {
        return get("/metrics");
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + config.httpPort() + path))
                        .timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return response.body();
    }

    @Override
    public void close() throws InterruptedException {
        if (isAlive()) {
            terminate(Duration.ofSeconds(20));
        }
    }
}
