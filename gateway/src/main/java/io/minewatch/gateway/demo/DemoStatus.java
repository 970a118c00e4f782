package io.minewatch.gateway.demo;

import io.micrometer.core.instrument.Counter;
import io.minewatch.gateway.service.GatewayService;
import io.minewatch.simulators.mqtt.FleetPublisher;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The demo's periodic status line: readings per second since the last line, active alarms, rejects. */
final class DemoStatus {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final GatewayService gateway;
    private final FleetPublisher fleet;
    private final Clock clock;
    private final PrintStream out;
    private long lastReadings;
    private long lastMillis;

    DemoStatus(GatewayService gateway, FleetPublisher fleet, Clock clock, PrintStream out) {
        this.gateway = gateway;
        this.fleet = fleet;
        this.clock = clock;
        this.out = out;
        this.lastMillis = clock.millis();
    }

    void print() {
        long now = clock.millis();
        long readings = gateway.live().readingsSeen();
        double perSecond = (readings - lastReadings) * 1000.0 / Math.max(1, now - lastMillis);
        lastReadings = readings;
        lastMillis = now;
        double rejected = gateway.metrics().find("minewatch.readings.rejected").counters().stream()
                .mapToDouble(Counter::count).sum();
        out.printf("%s  status: %.1f readings/s, %d readings, %d active alarms, %d published, %.0f rejected, %d in flight%n",
                TIME.format(Instant.ofEpochMilli(now)), perSecond, readings, gateway.alarms().activeCount(),
                fleet.published(), rejected, gateway.pipeline().inFlight());
    }
}
