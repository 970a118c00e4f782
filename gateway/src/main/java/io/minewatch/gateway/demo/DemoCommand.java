package io.minewatch.gateway.demo;

import io.minewatch.config.ConfigException;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.gateway.cli.Options;
import io.minewatch.gateway.service.GatewayService;
import io.minewatch.simulators.demo.DemoSites;
import io.minewatch.simulators.fleet.Fleet;
import io.minewatch.simulators.fleet.SimulatedSensor;
import io.minewatch.simulators.mqtt.FleetPublisher;
import io.minewatch.simulators.opcua.OpcUaSubstation;
import io.minewatch.simulators.opcua.SubstationSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code minewatch demo}: an MQTT broker and an OPC UA monitoring substation inside the process, the simulated coal
 * mine {@code CM01} publishing over MQTT and the tailings pond {@code TP01} read over OPC UA (the substation serves
 * both sites; the gateway maps the pond's folder by browse name and one node explicitly), and the gateway reading both
 * into the embedded store, with the API on 8080 (or a free port). Prints a status line every few seconds and every
 * alarm transition.
 */
public final class DemoCommand {

    private static final Duration STATUS_EVERY = Duration.ofSeconds(5);
    private static final String MQTT_SITE = "CM01";

    private final PrintStream out;
    private final PrintStream err;

    public DemoCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String[] args) {
        Options options = new Options(args, Set.of("mqtt-port", "opcua-port", "http-port", "data", "duration"));
        // The demo speaks through its own console lines; keep the service's logs to warnings.
        System.setProperty("MINEWATCH_LOG_LEVEL", System.getProperty("MINEWATCH_LOG_LEVEL", "WARN"));
        System.setProperty("MINEWATCH_ALARM_LOG_LEVEL", "ERROR");
        try {
            Demo demo = start(options.intValue("mqtt-port", 1883), options.intValue("opcua-port", 4840),
                    options.intValue("http-port", 8080),
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

    /** Starts every part of the demo with the OPC UA substation on 4840 when free. */
    public Demo start(int preferredMqttPort, int preferredHttpPort, Path dataDir) throws Exception {
        return start(preferredMqttPort, 4840, preferredHttpPort, dataDir);
    }

    /** Starts every part of the demo; the returned handle stops them in reverse order. */
    public Demo start(int preferredMqttPort, int preferredOpcUaPort, int preferredHttpPort, Path dataDir)
            throws Exception {
        int mqttPort = FreePort.preferring(preferredMqttPort);
        int opcuaPort = FreePort.preferring(preferredOpcUaPort);
        int httpPort = FreePort.preferring(preferredHttpPort);
        Clock clock = Clock.systemUTC();
        Fleet fleet = DemoSites.fleet(DemoSites.DEFAULT_SEED, clock.instant());
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1,
                new io.netty.util.concurrent.DefaultThreadFactory("minewatch-demo", true));
        EmbeddedBroker broker = new EmbeddedBroker("127.0.0.1", mqttPort);
        broker.start();
        // The substation trusts any client: the demo shows OPC UA, not certificate administration.
        OpcUaSubstation substation = new OpcUaSubstation(SubstationSettings.local(opcuaPort,
                dataDir.toAbsolutePath().resolve("opcua-substation")).withTrustAllClients(true), fleet, scheduler,
                clock);
        substation.start();
        Map<String, String> logins = DemoLogins.generate(new SecureRandom());
        MinewatchConfig config = ConfigLoader.load(demoYaml(broker.url(), substation.endpointUrl(), httpPort,
                dataDir.toAbsolutePath()), Path.of("demo.yaml"));
        config = config.withAccess(config.access().withUsers(DemoLogins.users(logins, new SecureRandom())));
        GatewayService gateway = new GatewayService(config, clock, List.of(new DemoConsole(out)));
        gateway.start();
        FleetPublisher publisher = new FleetPublisher(broker.url(), site(fleet, MQTT_SITE), scheduler, clock);
        publisher.start();
        out.printf("""
                minewatch demo
                  MQTT broker   %s  (CM01 publishes to minewatch/{site}/{sensor}; alarms on minewatch/alarms/#)
                  OPC UA server %s  (the substation; TP01 is read from it: ./minewatch opcua-browse %s)
                  control room  http://127.0.0.1:%d   (log in below; API: /api/openapi.json, /health, /metrics)
                  store         %s (embedded SQLite)
                  sites         CM01 demo coal mine over MQTT, TP01 demo tailings pond over OPC UA;
                                a gas incident starts at T+%ds
                %s
                Ctrl-C stops.
                """, broker.url(), substation.endpointUrl(), substation.endpointUrl(), gateway.httpPort(),
                dataDir.toAbsolutePath(), DemoSites.FIRST_INCIDENT_AFTER.toSeconds(), DemoLogins.describe(logins));
        DemoStatus status = new DemoStatus(gateway, publisher, clock, out);
        scheduler.scheduleAtFixedRate(status::print, STATUS_EVERY.toMillis(), STATUS_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        return new Demo(broker, substation, gateway, publisher, scheduler, logins);
    }

    private static Fleet site(Fleet fleet, String site) {
        List<SimulatedSensor> sensors = fleet.sensors().stream().filter(s -> s.site().equals(site)).toList();
        return new Fleet(sensors);
    }

    private static String demoYaml(String brokerUrl, String substationUrl, int httpPort, Path dataDir)
            throws IOException {
        String sites;
        try (InputStream in = DemoSites.openConfig()) {
            sites = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // TP01 by browse name, and TP01-GNSS-02 explicitly because it reports in metres, not the canonical mm.
        return """
                http: { bind: 127.0.0.1, port: %d }
                collectors:
                  mqtt:
                    - { name: demo-broker, url: "%s", topics: ["minewatch/+/+"], qos: 1, client_id: minewatch-demo }
                  opcua:
                    - name: demo-substation
                      endpoint: "%s"
                      security: none
                      browse: [ { folder: "nsu=urn:minewatch:substation;s=TP01", pattern: "TP01-.*" } ]
                      nodes: [ { node: "nsu=urn:minewatch:substation;s=TP01-GNSS-02", sensor: TP01-GNSS-02, unit: m } ]
                storage:
                  local: { path: "%s" }
                """.formatted(httpPort, brokerUrl, substationUrl, dataDir) + sites;
    }

    /** The running demo. */
    public record Demo(EmbeddedBroker broker, OpcUaSubstation substation, GatewayService gateway,
            FleetPublisher fleet, ScheduledExecutorService scheduler, Map<String, String> logins)
            implements AutoCloseable {

        @Override
        public void close() {
            fleet.close();
            gateway.close();
            substation.close();
            scheduler.shutdownNow();
            broker.close();
        }
    }
}
