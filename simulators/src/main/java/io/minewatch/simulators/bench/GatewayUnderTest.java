package io.minewatch.simulators.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The minewatch gateway as operators run it: the shaded jar in its own JVM ({@code java -Xmx512m -jar
 * minewatch-gateway-all.jar run --config FILE}), its MQTT collector on the bench broker, InfluxDB behind its spool,
 * alarms to {@code minewatch/alarms/...} on the same broker; every bench sensor registered on the working-face profile.
 */
final class GatewayUnderTest implements SystemUnderTest {

    static final String DATABASE = "minewatch_bench";
    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} (\\S+)$",
            Pattern.MULTILINE);

    private final Path jar;
    private final Path directory;
    private final String brokerUrl;
    private final String influxUrl;
    private final BenchPlan plan;
    private final int httpPort;
    private final String heap;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    GatewayUnderTest(Path jar, Path directory, String brokerUrl, String influxUrl, BenchPlan plan, int httpPort,
            String heap) {
        this.jar = jar;
        this.directory = directory;
        this.brokerUrl = brokerUrl;
        this.influxUrl = influxUrl;
        this.plan = plan;
        this.httpPort = httpPort;
        this.heap = heap;
    }

    @Override
    public String name() {
        return "minewatch";
    }

    @Override
    public String database() {
        return DATABASE;
    }

    @Override
    public String setup() {
        return "gateway jar, `java -Xmx" + heap + "` with Flight Recorder, MQTT QoS " + plan.qos() + " subscription, pipeline defaults"
                + " (event loops = cores, max_in_flight 20000), InfluxDB behind the spool, "
                + plan.sensors() * (plan.rates().size() + 1) + " registered sensors with a CH4 period of 1 h (no"
                + " sensor_offline storm from the sensors of earlier steps)";
    }

    String yaml() {
        StringBuilder yaml = new StringBuilder("""
                http: { bind: 127.0.0.1, port: %d }
                collectors:
                  mqtt:
                    - { name: bench-broker, url: "%s", topics: ["minewatch/+/+"], qos: %d, client_id: minewatch-bench }
                storage:
                  influxdb: { url: "%s", database: %s }
                  local: { path: "%s" }
                # Each step's sensors fall silent when it ends; with the default 30 s offline time their 1,000
                # sensor_offline alarms would land in the next step at once. That alarm storm is not what the steps
                # measure (it delayed concurrent CH4 alarms on the MQTT output by up to ~1 s: README, Benchmarks).
                conditions: { kinds: { ch4: { period: 1h } } }
                sites:
                """.formatted(httpPort, brokerUrl, Math.max(1, plan.qos()), influxUrl, DATABASE,
                directory.resolve("data")));
        for (int step = BenchPlan.WARMUP; step < plan.rates().size(); step++) {
            String site = BenchPlan.siteOf(step);
            yaml.append("  - id: ").append(site).append("\n    type: coal_mine\n    sensors:\n");
            for (int i = 0; i < plan.sensors(); i++) {
                yaml.append("      - { id: ").append(ReadingStream.sensorId(site, i))
                        .append(", kind: ch4, profile: coal_ch4_working_face }\n");
            }
        }
        return yaml.toString();
    }

    @Override
    public void start() throws IOException, InterruptedException {
        // A previous run's spool would add its readings to this run's count, and its restored alarm state would keep
        // this run's first crossing readings from raising anything.
        deleteRecursively(directory.resolve("data"));
        Files.createDirectories(directory);
        Path config = directory.resolve("minewatch-bench.yaml");
        Files.writeString(config, yaml());
        Path log = directory.resolve("gateway.log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // Flight Recorder with its profile settings costs about 2 % and says what limits the gateway.
        process = new ProcessBuilder(List.of(java.toString(), "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError",
                "-XX:StartFlightRecording=filename=" + recording() + ",settings=profile,dumponexit=true", "-jar",
                jar.toString(), "run", "--config", config.toString()))
                .directory(directory.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Processes.awaitReady("minewatch gateway", process, log, 60,
                () -> get("/health").contains("\"state\":\"connected\""));
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public OptionalLong heapBytes() {
        Matcher m = HEAP.matcher(get("/metrics"));
        double sum = 0;
        boolean found = false;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
            found = true;
        }
        return found ? OptionalLong.of((long) sum) : OptionalLong.empty();
    }

    private String get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + path)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (java.util.stream.Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private Path recording() {
        return directory.resolve("gateway.jfr").toAbsolutePath();
    }

    @Override
    public String profile() {
        return HotMethods.markdown(recording(), 15);
    }

    @Override
    public void close() throws InterruptedException {
        Processes.stop(process);
    }
}
