package io.minewatch.simulators.demo;

import io.minewatch.config.quantity.Kind;
import io.minewatch.config.quantity.Unit;
import io.minewatch.simulators.fleet.Fleet;
import io.minewatch.simulators.fleet.SimulatedSensor;
import io.minewatch.simulators.signals.DustSignal;
import io.minewatch.simulators.signals.GasIncident;
import io.minewatch.simulators.signals.GasSignals;
import io.minewatch.simulators.signals.GnssDisplacementSignal;
import io.minewatch.simulators.signals.IncidentSchedule;
import io.minewatch.simulators.signals.PhreaticLineSignal;
import io.minewatch.simulators.signals.PondLevelSignal;
import io.minewatch.simulators.signals.RainfallSignal;
import io.minewatch.simulators.signals.SeededNoise;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * The sites {@code ./minewatch demo} simulates: coal mine {@code CM01} with a gas outburst on working face 1201
 * {@link #FIRST_INCIDENT_AFTER 20 s} after start and every {@link #INCIDENT_PERIOD 4 minutes} after, and tailings
 * pond {@code TP01} whose level follows simulated rain (the rain itself is not published). {@link #CONFIG_RESOURCE}
 * registers exactly the sensors of {@link #fleet(long, Instant)}.
 *
 * <p>{@code TP01-GNSS-02} reports in m rather than the canonical mm, so the demo exercises the gateway's unit
 * conversion.
 */
public final class DemoSites {

    /** Classpath resource holding the demo's sites in the configuration format (no http, collectors or storage). */
    public static final String CONFIG_RESOURCE = "/io/minewatch/simulators/demo/minewatch-demo.yaml";

    public static final long DEFAULT_SEED = 1201L;
    public static final Duration FIRST_INCIDENT_AFTER = Duration.ofSeconds(20);
    public static final Duration INCIDENT_PERIOD = Duration.ofMinutes(4);
    public static final Duration INCIDENT_DURATION = Duration.ofSeconds(40);
    /** China Standard Time, which places the coal mine's shifts. */
    public static final ZoneOffset MINE_ZONE = ZoneOffset.ofHours(8);

    private static final double FACE_PEAK_PERCENT = 1.8;
    private static final double RETURN_PEAK_PERCENT = 0.75;
    private static final Duration FACE_TO_RETURN = Duration.ofSeconds(15);

    private DemoSites() {
    }

    /** The gas incidents on working face 1201 for a fleet started at {@code start}. */
    public static IncidentSchedule gasIncidents(Instant start) {
        return IncidentSchedule.every(start, FIRST_INCIDENT_AFTER, INCIDENT_PERIOD, INCIDENT_DURATION);
    }

    /**
     * The demo fleet started at {@code start}: the same seed and start always give the same readings.
     *
     * @param seed  seeds every sensor's noise (each sensor forks its own stream from it)
     * @param start when the fleet starts; the gas incidents are scheduled from it
     */
    public static Fleet fleet(long seed, Instant start) {
        Objects.requireNonNull(start, "start");
        SeededNoise root = new SeededNoise(seed);
        long startMillis = start.toEpochMilli();
        IncidentSchedule incidents = gasIncidents(start);

        // Gas reaching the return airway is diluted and arrives later: it rises with each outburst but stays under
        // the return airway's 1.0 % alarm, so only the face sensor alarms and cuts power.
        GasIncident face = new GasIncident(GasSignals.methane(noise(root, "CM01-CH4-T1"), 0.30), incidents,
                FACE_PEAK_PERCENT);
        GasIncident returnAirway = new GasIncident(GasSignals.methane(noise(root, "CM01-CH4-T2"), 0.28),
                incidents.delayedBy(FACE_TO_RETURN), RETURN_PEAK_PERCENT);

        RainfallSignal rain = new RainfallSignal(noise(root, "TP01-RAIN-01"));
        PondLevelSignal pond = new PondLevelSignal(noise(root, "TP01-WL-01"), rain);
        long day = Duration.ofDays(1).toMillis();

        return new Fleet(List.of(
                SimulatedSensor.canonical("CM01", "CM01-CH4-T1", Kind.CH4, 2, face),
                SimulatedSensor.canonical("CM01", "CM01-CH4-T2", Kind.CH4, 2, returnAirway),
                SimulatedSensor.canonical("CM01", "CM01-CO-01", Kind.CO, 0,
                        GasSignals.carbonMonoxide(noise(root, "CM01-CO-01"))),
                SimulatedSensor.canonical("CM01", "CM01-O2-01", Kind.O2, 1,
                        GasSignals.oxygen(noise(root, "CM01-O2-01"))),
                SimulatedSensor.canonical("CM01", "CM01-DUST-01", Kind.DUST, 1,
                        new DustSignal(noise(root, "CM01-DUST-01"), MINE_ZONE)),
                SimulatedSensor.canonical("TP01", "TP01-WL-01", Kind.WATER_LEVEL, 3, pond),
                SimulatedSensor.canonical("TP01", "TP01-PL-01", Kind.PHREATIC_LINE, 2,
                        new PhreaticLineSignal(noise(root, "TP01-PL-01"), pond)),
                SimulatedSensor.canonical("TP01", "TP01-GNSS-01", Kind.DISPLACEMENT, 1,
                        new GnssDisplacementSignal(noise(root, "TP01-GNSS-01"), startMillis - 60 * day, 0.5)),
                new SimulatedSensor("TP01", "TP01-GNSS-02", Kind.DISPLACEMENT, Unit.METRE, 4,
                        new GnssDisplacementSignal(noise(root, "TP01-GNSS-02"), startMillis - 45 * day, 0.4))));
    }

    /** Opens {@link #CONFIG_RESOURCE}; the caller closes the stream. */
    public static InputStream openConfig() {
        InputStream in = DemoSites.class.getResourceAsStream(CONFIG_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("resource : " + CONFIG_RESOURCE + " (expected: on the classpath)");
        }
        return in;
    }

    /** The text of {@link #CONFIG_RESOURCE}. */
    public static String configYaml() {
        try (InputStream in = openConfig()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + CONFIG_RESOURCE, e);
        }
    }

    private static SeededNoise noise(SeededNoise root, String sensorId) {
        // String.hashCode is specified, so a sensor's stream is the same on every JVM.
        return root.fork(sensorId.hashCode());
    }
}
