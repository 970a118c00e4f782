package io.minewatch.gateway.demo;

import io.minewatch.config.ConfigException;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.gateway.cli.Options;
import io.minewatch.gateway.service.GatewayService;
import io.minewatch.simulators.demo.DemoSites;
import io.minewatch.simulators.mqtt.FleetPublisher;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code minewatch demo}: an MQTT broker inside the process, the simulated coal mine and tailings pond publishing to
 * it, and the gateway reading from it into the embedded store, with the API on 8080 (or a free port). Prints a status
 * line every few seconds and every alarm transition.
 */
public final class DemoCommand {

    private static final Duration STATUS_EVERY = Duration.ofSeconds(5);

    private final PrintStream out;
    private final PrintStream err;

    public DemoCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String[] args) {
        Options options = new Options(args, Set.of("mqtt-port", "http-port", "data", "duration"));
        // The demo speaks through its own console lines; keep the service's logs to warnings.
        System.setProperty("MINEWATCH_LOG_LEVEL", System.getProperty("MINEWATCH_LOG_LEVEL", "WARN"));
        System.setProperty("MINEWATCH_ALARM_LOG_LEVEL", "ERROR");
        try {
            Demo demo = start(options.intValue("mqtt-port", 1883), options.intValue("http-port", 8080),
                    Path.of(options.get("data") == null ? "data/demo" : options.get("data")));
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                demo.close();
                stopped.countDown();
            }, "minewatch-demo-shutdown"));
            String duration = options.get("duration");
            if (duration == null) {
                stopped.await();
            } else if (!stopped.await(Long.parseLong(duration), TimeUnit.SECONDS)) {
                demo.close();
            }
            return 0;
        } catch (ConfigException e) {
            err.println("demo configuration is invalid (a defect): " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("minewatch demo could not start: " + e);
            return 1;
        }
    }

    /** Starts every part of the demo; the returned handle stops them in reverse order. */
    public Demo start(int preferredMqttPort, int preferredHttpPort, Path dataDir) throws Exception {
        int mqttPort = FreePort.preferring(preferredMqttPort);
        int httpPort = FreePort.preferring(preferredHttpPort);
        EmbeddedBroker broker = new EmbeddedBroker("127.0.0.1", mqttPort);
        broker.start();
        MinewatchConfig config = ConfigLoader.load(demoYaml(broker.url(), httpPort, dataDir.toAbsolutePath()),
                Path.of("demo.yaml"));
        Clock clock = Clock.systemUTC();
        GatewayService gateway = new GatewayService(config, clock, List.of(new DemoConsole(out)));
        gateway.start();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1,
                new io.netty.util.concurrent.DefaultThreadFactory("minewatch-demo", true));
        FleetPublisher fleet = new FleetPublisher(broker.url(), DemoSites.fleet(DemoSites.DEFAULT_SEED,
                clock.instant()), scheduler, clock);
        fleet.start();
        out.printf("""
                minewatch demo
                  MQTT broker   %s  (publish to minewatch/{site}/{sensor}; alarms on minewatch/alarms/#)
                  control room  http://127.0.0.1:%d   (try /api/sensors, /api/alarms, /health, /metrics)
                  store         %s (embedded SQLite)
                  sites         CM01 demo coal mine, TP01 demo tailings pond; a gas incident starts at T+%ds
                Ctrl-C stops.
                """, broker.url(), gateway.httpPort(), dataDir.toAbsolutePath(),
                DemoSites.FIRST_INCIDENT_AFTER.toSeconds());
        DemoStatus status = new DemoStatus(gateway, fleet, clock, out);
        scheduler.scheduleAtFixedRate(status::print, STATUS_EVERY.toMillis(), STATUS_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        return new Demo(broker, gateway, fleet, scheduler);
    }

    private static String demoYaml(String brokerUrl, int httpPort, Path dataDir) throws IOException {
        String sites;
        try (InputStream in = DemoSites.openConfig()) {
            sites = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return """
                http: { bind: 127.0.0.1, port: %d }
                collectors:
                  mqtt:
                    - { name: demo-broker, url: "%s", topics: ["minewatch/+/+"], qos: 1, client_id: minewatch-demo }
                storage:
                  local: { path: "%s" }
                """.formatted(httpPort, brokerUrl, dataDir) + sites;
    }

    /** The running demo. */
    public record Demo(EmbeddedBroker broker, GatewayService gateway, FleetPublisher fleet,
            ScheduledExecutorService scheduler) implements AutoCloseable {

        @Override
        public void close() {
            scheduler.shutdownNow();
            fleet.close();
            gateway.close();
            broker.close();
        }
    }
}
