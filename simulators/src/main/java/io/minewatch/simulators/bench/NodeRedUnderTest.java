package io.minewatch.simulators.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The same job in Node-RED: {@code bench/node-red/flow.json} (MQTT in, threshold function, batched InfluxDB out,
 * alarms to {@code minewatch/alarms/...}) run by the {@code node-red} installed in {@code bench/node-red} by
 * {@code npm ci}. Broker and InfluxDB reach the flow through environment variables.
 */
final class NodeRedUnderTest implements SystemUnderTest {

    static final String DATABASE = "nodered_bench";

    private final Path home;
    private final Path directory;
    private final URI broker;
    private final URI influx;
    private final BenchPlan plan;
    private final int httpPort;
    private Process process;

    NodeRedUnderTest(Path home, Path directory, String brokerUrl, String influxUrl, BenchPlan plan, int httpPort) {
        this.home = home;
        this.directory = directory;
        this.broker = URI.create(brokerUrl);
        this.influx = URI.create(influxUrl);
        this.plan = plan;
        this.httpPort = httpPort;
    }

    @Override
    public String name() {
        return "Node-RED";
    }

    @Override
    public String database() {
        return DATABASE;
    }

    @Override
    public String setup() {
        return "node-red " + version() + ", flow bench/node-red/flow.json: mqtt in (QoS " + Math.max(1, plan.qos()) + ") → threshold function → "
                + "batching function (1000 points or 100 ms) → influxdb batch";
    }

    private String version() {
        try {
            String pkg = Files.readString(home.resolve("node_modules/node-red/package.json"));
            int at = pkg.indexOf("\"version\"");
            return pkg.substring(pkg.indexOf('"', at + 10) + 1, pkg.indexOf('"', pkg.indexOf('"', at + 10) + 1));
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    @Override
    public void start() throws IOException, InterruptedException {
        Path red = home.resolve("node_modules/node-red/red.js");
        if (!Files.isRegularFile(red)) {
            throw new IOException("Node-RED is not installed in " + home + ": run (cd " + home + " && npm ci)");
        }
        Path userDir = Files.createDirectories(directory.resolve("userdir"));
        Path log = directory.resolve("node-red.log");
        ProcessBuilder builder = new ProcessBuilder(List.of("node", red.toString(), "--settings",
                home.resolve("settings.js").toString(), "--userDir", userDir.toString(),
                home.resolve("flow.json").toString()))
                .directory(directory.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("MQTT_HOST", broker.getHost());
        builder.environment().put("MQTT_PORT", Integer.toString(broker.getPort()));
        builder.environment().put("MQTT_QOS", Integer.toString(Math.max(1, plan.qos())));
        builder.environment().put("INFLUX_HOST", influx.getHost());
        builder.environment().put("INFLUX_PORT", Integer.toString(influx.getPort()));
        builder.environment().put("INFLUX_DB", DATABASE);
        builder.environment().put("NODE_RED_PORT", Integer.toString(httpPort));
        process = builder.start();
        Processes.awaitReady("Node-RED", process, log, 90, () -> {
            try {
                return Files.readString(log).contains("Connected to broker");
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public OptionalLong heapBytes() {
        return OptionalLong.empty();
    }

    @Override
    public void close() throws InterruptedException {
        Processes.stop(process);
    }
}
