package io.minewatch.simulators.scenario;

import io.minewatch.config.quantity.Kind;
import io.minewatch.simulators.scenario.Scenario.Sensor;
import io.minewatch.simulators.signals.AcceleratingCreep;
import io.minewatch.simulators.signals.AirflowChange;
import io.minewatch.simulators.signals.Combustion;
import io.minewatch.simulators.signals.DustSignal;
import io.minewatch.simulators.signals.FaultySignal;
import io.minewatch.simulators.signals.GasOutburst;
import io.minewatch.simulators.signals.GasSignals;
import io.minewatch.simulators.signals.GnssDisplacementSignal;
import io.minewatch.simulators.signals.PhreaticLineSignal;
import io.minewatch.simulators.signals.PondLevelSignal;
import io.minewatch.simulators.signals.Rainfall;
import io.minewatch.simulators.signals.RainfallSignal;
import io.minewatch.simulators.signals.ScriptedRainfall;
import io.minewatch.simulators.signals.SeededNoise;
import io.minewatch.simulators.signals.SensorFault;
import io.minewatch.simulators.signals.SignalModel;
import io.minewatch.simulators.signals.VentilatedMethane;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The signal of every sensor of a {@link Scenario}, in scenario time: T+0 is {@code startMillis}. Each sensor's kind
 * chooses its model; the timeline's events are layered on top (outbursts and ventilation on CH4, a fire on CO and O2,
 * storms on a site's rain, pond and phreatic line, acceleration on a displacement point), and sensor faults last.
 */
public final class ScenarioSignals {

    private static final ZoneOffset MINE_ZONE = ZoneOffset.ofHours(8);
    private static final long INSTALLED_DAYS_BEFORE = 120;

    private ScenarioSignals() {
    }

    /** Sensor id to signal, in file order. */
    public static Map<String, SignalModel> build(Scenario scenario, long startMillis) {
        SeededNoise root = new SeededNoise(scenario.seed());
        Map<String, Rainfall> rainBySite = new HashMap<>();
        Map<String, PondLevelSignal> pondBySite = new HashMap<>();
        for (Scenario.Site site : scenario.sites()) {
            List<RainfallSignal.Shower> storms = new ArrayList<>();
            for (ScenarioEvent event : scenario.events()) {
                if (event instanceof ScenarioEvent.Rainstorm storm && storm.site().equals(site.id())) {
                    int intervals = (int) Math.max(1, Math.round(
                            storm.duration().toMillis() / (double) RainfallSignal.INTERVAL.toMillis()));
                    storms.add(new RainfallSignal.Shower(startMillis + storm.at().toMillis(), intervals, storm.peak()));
                }
            }
            Rainfall rain = scenario.weather() == Scenario.Weather.SHOWERS
                    ? new ScriptedRainfall(new RainfallSignal(noise(root, site.id() + "/rain")), storms)
                    : ScriptedRainfall.only(storms);
            rainBySite.put(site.id(), rain);
            pondBySite.put(site.id(), new PondLevelSignal(noise(root, site.id() + "/pond"), rain));
        }

        Map<String, SignalModel> signals = new LinkedHashMap<>();
        for (Scenario.Site site : scenario.sites()) {
            for (Sensor sensor : site.sensors()) {
                SignalModel signal = model(scenario, sensor, noise(root, sensor.id()), startMillis,
                        rainBySite.get(site.id()), pondBySite.get(site.id()));
                signals.put(sensor.id(), withFaults(scenario, sensor.id(), signal, startMillis));
            }
        }
        return signals;
    }

    private static SignalModel model(Scenario scenario, Sensor sensor, SeededNoise noise, long start, Rainfall rain,
            PondLevelSignal pond) {
        return switch (sensor.kind()) {
            case CH4 -> methane(scenario, sensor, noise, start);
            case CO -> fire(scenario, sensor.id(), start).map(f -> f.carbonMonoxide(GasSignals.carbonMonoxide(noise)))
                    .orElseGet(() -> GasSignals.carbonMonoxide(noise));
            case O2 -> fire(scenario, sensor.id(), start).map(f -> f.oxygen(GasSignals.oxygen(noise)))
                    .orElseGet(() -> GasSignals.oxygen(noise));
            case DUST -> new DustSignal(noise, MINE_ZONE);
            case RAINFALL -> rain;
            // The site's pond is one body of water: every level gauge on it reads it with its own gauge noise.
            case WATER_LEVEL -> new PondLevelSignal(noise, rain);
            case PHREATIC_LINE -> new PhreaticLineSignal(noise, pond);
            case DISPLACEMENT -> displacement(scenario, sensor, noise, start);
            default -> throw new IllegalArgumentException("sensor " + sensor.id() + " kind : " + sensor.kind().id()
                    + " (expected: one of " + ScenarioReader.SIMULATED_KINDS + ")");
        };
    }

    private static SignalModel methane(Scenario scenario, Sensor sensor, SeededNoise noise, long start) {
        SignalModel signal = GasSignals.methane(noise, sensor.baseline().orElse(0.3));
        List<AirflowChange> changes = new ArrayList<>();
        for (ScenarioEvent event : scenario.events()) {
            if (event instanceof ScenarioEvent.VentilationChange change && change.sensor().equals(sensor.id())) {
                changes.add(new AirflowChange(start + change.at().toMillis(), change.airflow(),
                        change.settle().toMillis()));
            }
        }
        if (!changes.isEmpty()) {
            signal = new VentilatedMethane(signal, changes);
        }
        for (ScenarioEvent event : scenario.events()) {
            if (event instanceof ScenarioEvent.GasOutburst outburst && outburst.sensor().equals(sensor.id())) {
                signal = new GasOutburst(signal, start + outburst.at().toMillis(), outburst.peak(),
                        outburst.rise().toMillis(), outburst.decay().toMillis());
            }
        }
        return signal;
    }

    private static Optional<Combustion> fire(Scenario scenario, String sensorId, long start) {
        for (ScenarioEvent event : scenario.events()) {
            if (event instanceof ScenarioEvent.Fire fire && (fire.coSensor().filter(sensorId::equals).isPresent()
                    || fire.oxygenSensor().filter(sensorId::equals).isPresent())) {
                return Optional.of(new Combustion(start + fire.at().toMillis(), fire.develop().toMillis(),
                        fire.peakCo(), fire.oxygenDrop()));
            }
        }
        return Optional.empty();
    }

    private static SignalModel displacement(Scenario scenario, Sensor sensor, SeededNoise noise, long start) {
        Optional<AcceleratingCreep> acceleration = Optional.empty();
        for (ScenarioEvent event : scenario.events()) {
            if (event instanceof ScenarioEvent.SlopeAcceleration slope && slope.sensor().equals(sensor.id())) {
                long onset = start + slope.at().toMillis();
                acceleration = Optional.of(new AcceleratingCreep(onset, onset + slope.failureAfter().toMillis(),
                        slope.onsetVelocity()));
            }
        }
        return new GnssDisplacementSignal(noise, start - Duration.ofDays(INSTALLED_DAYS_BEFORE).toMillis(),
                sensor.creepMillimetresPerDay(), sensor.seasonalAmplitude(), acceleration);
    }

    private static SignalModel withFaults(Scenario scenario, String sensorId, SignalModel signal, long start) {
        List<SensorFault> faults = new ArrayList<>();
        for (ScenarioEvent event : scenario.events()) {
            if (event instanceof ScenarioEvent.Fault fault && fault.sensor().equals(sensorId)) {
                long from = start + fault.at().toMillis();
                long to = from + fault.duration().toMillis();
                faults.add(switch (fault.type()) {
                    case "sensor_offline" -> new SensorFault.Dropout(from, to);
                    case "sensor_stuck" -> new SensorFault.StuckValue(from, to);
                    case "sensor_drift" -> new SensorFault.CalibrationDrift(from, to, fault.perHour());
                    case "calibration" -> new SensorFault.CalibrationSpikes(from, to, fault.value(),
                            fault.every().toMillis(), fault.length().toMillis());
                    default -> throw new IllegalArgumentException("event : " + fault.type()
                            + " (expected: sensor_offline, sensor_stuck, sensor_drift or calibration)");
                });
            }
        }
        return faults.isEmpty() ? signal : new FaultySignal(signal, faults);
    }

    private static SeededNoise noise(SeededNoise root, String key) {
        // String.hashCode is specified, so a sensor's stream is the same on every JVM.
        return root.fork(key.hashCode());
    }
}
