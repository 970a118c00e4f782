package io.minewatch.simulators.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * {@code minewatch bench --mqtt URL --influxdb URL [...]}: runs the benchmark against a running Mosquitto and
 * InfluxDB ({@code bench/run} starts its own and calls this), for the minewatch gateway (this very jar, as a process
 * of its own) and the Node-RED flow, and writes a Markdown report and a PNG chart.
 */
public final class BenchCommand {

    public static final String USAGE = """
              bench --mqtt URL --influxdb URL [--targets minewatch,node-red] [--sensors N]
                    [--rates 2000,5000,10000,...] [--step 20s] [--shape single|batch] [--batch-size N] [--qos 0|1]
                    [--alarm-share 0.01] [--connections N] [--warmup 10s] [--out DIR] [--work DIR] [--node-red DIR]
                    [--heap 512m] [--notes TEXT] [--appendix FILE] [--sample name=pid,...]
                                      benchmark the gateway (and Node-RED) against a running Mosquitto and
                                      InfluxDB; bench/run starts both and calls this. Report in bench/results
            """;

    private static final List<String> OPTIONS = List.of("--mqtt", "--influxdb", "--targets", "--sensors", "--rates",
            "--step", "--shape", "--batch-size", "--qos", "--alarm-share", "--connections", "--out", "--work",
            "--node-red", "--heap", "--notes", "--appendix", "--jar", "--sample", "--warmup");

    private final PrintStream out;
    private final PrintStream err;

    public BenchCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String[] args) {
        Map<String, String> options = new HashMap<>();
        BenchPlan plan;
        try {
            for (int i = 0; i < args.length; i += 2) {
                if (!OPTIONS.contains(args[i]) || i + 1 >= args.length) {
                    throw new IllegalArgumentException("option : " + args[i] + " (expected: one of " + OPTIONS
                            + ", each with a value)");
                }
                options.put(args[i], args[i + 1]);
            }
            require(options, "--mqtt");
            require(options, "--influxdb");
            plan = plan(options);
        } catch (IllegalArgumentException e) {
            err.println("minewatch bench: " + e.getMessage());
            err.print("usage:\n" + USAGE);
            return 2;
        }
        try {
            return bench(plan, options);
        } catch (IOException | MqttException | URISyntaxException e) {
            err.println("minewatch bench: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    static BenchPlan plan(Map<String, String> options) {
        List<Integer> rates = Arrays.stream(options.getOrDefault("--rates", "2000,5000,10000,20000,35000,50000")
                .split(",")).map(String::trim).map(r -> parseInt("--rates", r)).toList();
        List<BenchPlan.Target> targets = Arrays.stream(options.getOrDefault("--targets", "minewatch,node-red")
                .split(",")).map(String::trim).map(t -> switch (t) {
                    case "minewatch" -> BenchPlan.Target.MINEWATCH;
                    case "node-red" -> BenchPlan.Target.NODE_RED;
                    default -> throw new IllegalArgumentException("--targets : " + t
                            + " (expected: minewatch, node-red or both, comma-separated)");
                }).toList();
        Duration step = parseDuration(options.getOrDefault("--step", "20s"));
        BenchPlan.PayloadShape shape = switch (options.getOrDefault("--shape", "single")) {
            case "single" -> BenchPlan.PayloadShape.SINGLE;
            case "batch" -> BenchPlan.PayloadShape.BATCH;
            default -> throw new IllegalArgumentException("--shape : " + options.get("--shape")
                    + " (expected: single or batch)");
        };
        return new BenchPlan(parseInt("--sensors", options.getOrDefault("--sensors", "1000")), rates, step,
                Duration.ofSeconds(60), shape, parseInt("--batch-size", options.getOrDefault("--batch-size", "50")),
                parseInt("--qos", options.getOrDefault("--qos", "1")),
                parseDouble("--alarm-share", options.getOrDefault("--alarm-share", "0.01")),
                parseInt("--connections", options.getOrDefault("--connections", "2")), targets,
                parseDuration(options.getOrDefault("--warmup", "10s")));
    }

    private int bench(BenchPlan plan, Map<String, String> options)
            throws IOException, InterruptedException, MqttException, URISyntaxException {
        String broker = options.get("--mqtt");
        String influxUrl = options.get("--influxdb");
        Path outDir = Files.createDirectories(Path.of(options.getOrDefault("--out", "bench/results")));
        Path work = Files.createDirectories(Path.of(options.getOrDefault("--work", "bench/work")));
        Path jar = Path.of(options.getOrDefault("--jar", Path.of(BenchCommand.class.getProtectionDomain()
                .getCodeSource().getLocation().toURI()).toString()));
        String machine = MachineDescription.markdown();
        ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
        InfluxCounter influx = new InfluxCounter(influxUrl);
        BenchRunner runner = new BenchRunner(plan, broker, influx, out, neighbours(options.getOrDefault("--sample",
                "")));
        List<BenchRunner.Run> runs = new ArrayList<>();
        for (BenchPlan.Target target : plan.targets()) {
            SystemUnderTest system = switch (target) {
                case MINEWATCH -> new GatewayUnderTest(jar, work.resolve("minewatch"), broker, influxUrl, plan,
                        freePort(), options.getOrDefault("--heap", "512m"));
                case NODE_RED -> new NodeRedUnderTest(Path.of(options.getOrDefault("--node-red", "bench/node-red"))
                        .toAbsolutePath(), work.resolve("node-red"), broker, influxUrl, plan, freePort());
            };
            runs.add(runner.run(system));
        }
        String stamp = started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss", Locale.ROOT));
        Path chart = outDir.resolve("bench-" + stamp + ".png");
        BenchChart.write(runs, chart);
        String report = BenchReport.markdown(plan, runs, machine, started.format(DateTimeFormatter.ISO_INSTANT),
                chart.getFileName().toString(), options.getOrDefault("--notes", ""));
        if (options.containsKey("--appendix")) {
            report += "\n" + Files.readString(Path.of(options.get("--appendix")));
        }
        Path reportFile = outDir.resolve("bench-" + stamp + ".md");
        Files.writeString(reportFile, report);
        out.println("report: " + reportFile + "\nchart:  " + chart);
        return 0;
    }

    /** {@code mosquitto=123,influxd=456}: processes whose CPU the report shows alongside each step. */
    static Map<String, Long> neighbours(String text) {
        Map<String, Long> pids = new java.util.LinkedHashMap<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.split("=");
            if (parts.length != 2) {
                throw new IllegalArgumentException("--sample : " + entry + " (expected: name=pid, comma-separated)");
            }
            pids.put(parts[0].trim(), (long) parseInt("--sample", parts[1]));
        }
        return pids;
    }

    private static void require(Map<String, String> options, String name) {
        if (!options.containsKey(name)) {
            throw new IllegalArgumentException(name + " : missing (expected: " + name + " URL)");
        }
    }

    private static int parseInt(String name, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " : " + text + " (expected: a whole number)", e);
        }
    }

    private static double parseDouble(String name, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " : " + text + " (expected: a number)", e);
        }
    }

    private static Duration parseDuration(String text) {
        String t = text.trim();
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.equals("0")) {
                return Duration.ZERO;
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--step : " + text + " (expected: a duration such as 20s or 1m)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
