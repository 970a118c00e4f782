package io.minewatch.simulators.cli;

import io.minewatch.simulators.fleet.Fleet;
import io.minewatch.simulators.mqtt.FleetPublisher;
import io.minewatch.simulators.mqtt.PublisherSettings;
import io.minewatch.simulators.opcua.OpcUaSubstation;
import io.minewatch.simulators.opcua.SubstationSettings;
import io.minewatch.simulators.scenario.Scenario;
import io.minewatch.simulators.scenario.ScenarioEvent;
import io.minewatch.simulators.scenario.ScenarioException;
import io.minewatch.simulators.scenario.ScenarioFleet;
import io.minewatch.simulators.scenario.ScenarioReader;
import io.minewatch.simulators.scenario.TimeScale;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code minewatch simulate --scenario FILE [--speed N] [--mqtt URL] [--opcua-port P] [--print-sites yes]}: runs a
 * scenario, publishing its MQTT sensors to the broker and serving its OPC UA sensors, announcing each event of the
 * timeline as it happens, until the scenario's duration has passed (or Ctrl-C).
 */
public final class SimulateCommand {

    public static final String USAGE = """
              simulate --scenario FILE [--speed N] [--mqtt URL] [--opcua-port P] [--print-sites yes]
                                      run an incident scenario (simulators/scenarios/*.yaml): publish its MQTT
                                      sensors to URL (default tcp://127.0.0.1:1883), serve its OPC UA sensors at
                                      opc.tcp://127.0.0.1:P/minewatch (default 4840); --speed overrides the file's;
                                      --print-sites prints the sites block a gateway configuration needs
            """;

    private static final List<String> OPTIONS = List.of("--scenario", "--speed", "--mqtt", "--opcua-port",
            "--print-sites", "--pki-dir");

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    public SimulateCommand(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    /** Runs the command; returns the process exit code (2 for a usage error, 1 for a bad scenario). */
    public int run(String[] args) {
        Scenario scenario;
        CommandLine line;
        try {
            line = new CommandLine(args, OPTIONS);
            Path file = Path.of(line.require("--scenario"));
            if (!Files.isRegularFile(file)) {
                throw new CommandLine.UsageError("--scenario : " + file + " (expected: a scenario file)");
            }
            scenario = ScenarioReader.read(file);
            if (line.get("--speed").isPresent()) {
                scenario = scenario.withSpeed(line.number("--speed", 1, 0.001, 100_000));
            }
            if (line.get("--print-sites").isPresent()) {
                out.print(ScenarioFleet.sitesYaml(scenario));
                return 0;
            }
        } catch (CommandLine.UsageError e) {
            err.println("minewatch simulate: " + e.getMessage());
            err.print("usage:\n" + USAGE);
            return 2;
        } catch (ScenarioException e) {
            err.println("minewatch simulate: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("minewatch simulate: cannot read the scenario: " + e);
            return 1;
        }
        try {
            return simulate(scenario, line);
        } catch (CommandLine.UsageError e) {
            err.println("minewatch simulate: " + e.getMessage());
            return 2;
        } catch (IOException | GeneralSecurityException e) {
            err.println("minewatch simulate: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private int simulate(Scenario scenario, CommandLine line)
            throws CommandLine.UsageError, IOException, GeneralSecurityException, InterruptedException {
        TimeScale scale = new TimeScale(clock.millis(), scenario.speed());
        Fleet mqttFleet = ScenarioFleet.fleet(scenario, Scenario.Transport.MQTT, scale);
        Fleet opcuaFleet = ScenarioFleet.fleet(scenario, Scenario.Transport.OPCUA, scale);
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "minewatch-simulate");
            thread.setDaemon(true);
            return thread;
        });
        FleetPublisher publisher = null;
        OpcUaSubstation substation = null;
        ScheduledExecutorService announcer = null;
        CountDownLatch finished = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        // On Ctrl-C the JVM only waits for its hooks: this one lets the publisher disconnect and report first.
        Thread hook = new Thread(() -> {
            finished.countDown();
            try {
                closed.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "minewatch-simulate-stop");
        try {
            out.printf("scenario %s: %s%n  %d sensors, %s of scenario time at speed %s (%s real), a reading every %s%n",
                    scenario.name(), scenario.description(), scenario.sensors().size(),
                    ScenarioReader.format(scenario.duration()), scenario.speed(),
                    ScenarioReader.format(scenario.realDuration()), ScenarioReader.format(scenario.period()));
            if (mqttFleet.size() > 0) {
                String url = line.get("--mqtt").orElse("tcp://127.0.0.1:1883");
                PublisherSettings settings;
                try {
                    settings = PublisherSettings.of(url).withPeriod(scenario.period());
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.UsageError("--mqtt : " + e.getMessage());
                }
                publisher = new FleetPublisher(settings, mqttFleet, scheduler, clock);
                publisher.start();
                out.printf("  %d sensors publishing to %s under minewatch/{site}/{sensor}%n", mqttFleet.size(), url);
            }
            if (opcuaFleet.size() > 0) {
                int port = (int) line.number("--opcua-port", 4840, 1, 65_535);
                Path pki = Path.of(line.get("--pki-dir").orElse("data/opcua-simulate"));
                substation = new OpcUaSubstation(SubstationSettings.local(port, pki).withTrustAllClients(true)
                        .withUpdatePeriod(scenario.period()), opcuaFleet, scheduler, clock);
                substation.start();
                out.printf("  %d sensors served over OPC UA at %s%n", opcuaFleet.size(), substation.endpointUrl());
            }
            // One thread, so that events due at the same moment (or already due) are announced in timeline order.
            announcer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "minewatch-simulate-timeline");
                thread.setDaemon(true);
                return thread;
            });
            for (ScenarioEvent event : scenario.events()) {
                long delay = scale.realMillis(scale.startMillis() + event.at().toMillis()) - clock.millis();
                announcer.schedule(() -> out.printf("T+%s  %s%n", format(event.at()), event.describe()),
                        Math.max(0, delay), TimeUnit.MILLISECONDS);
            }
            scheduler.schedule(finished::countDown, scenario.realDuration().toMillis(), TimeUnit.MILLISECONDS);
            Runtime.getRuntime().addShutdownHook(hook);
            finished.await();
            out.printf("scenario %s finished%n", scenario.name());
            return 0;
        } finally {
            if (publisher != null) {
                publisher.close();
                out.printf("  MQTT: %d readings published, %d failed, %d skipped while disconnected, %d silent"
                        + " (sensor offline)%n", publisher.published(), publisher.failed(), publisher.skipped(),
                        publisher.silent());
            }
            if (substation != null) {
                substation.close();
            }
            scheduler.shutdownNow();
            if (announcer != null) {
                announcer.shutdownNow();
            }
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // Shutting down already, or the hook was never added.
            }
        }
    }

    static String format(Duration d) {
        long seconds = d.toSeconds();
        return seconds >= 3600 ? String.format("%dh%02dm%02ds", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%dm%02ds", seconds / 60, seconds % 60);
    }
}
