package io.minewatch.simulators.scenario;

import java.time.Duration;
import java.util.Optional;

/** One event of a scenario's timeline, {@link #at()} after the scenario's start. */
public sealed interface ScenarioEvent {

    Duration at();

    /** The {@code event:} name in the YAML file. */
    String type();

    /** One line saying what happens, for the console while the scenario runs. */
    String describe();

    /** A coal-and-gas outburst at a CH4 sensor: up to {@code peak} % within {@code rise}, carried off over {@code decay}. */
    record GasOutburst(Duration at, String sensor, double peak, Duration rise, Duration decay) implements ScenarioEvent {
        @Override
        public String type() {
            return "gas_outburst";
        }

        @Override
        public String describe() {
            return "gas outburst at " + sensor + ": CH4 up to " + peak + " % within "
                    + ScenarioReader.format(rise);
        }
    }

    /** The airflow at a CH4 sensor moves to {@code airflow} times its design value, settling over {@code settle}. */
    record VentilationChange(Duration at, String sensor, double airflow, Duration settle) implements ScenarioEvent {
        @Override
        public String type() {
            return "ventilation_change";
        }

        @Override
        public String describe() {
            return "ventilation change at " + sensor + ": airflow to " + Math.round(airflow * 100) + " % of design";
        }
    }

    /** A fire developing over {@code develop}: CO up by {@code peakCo} ppm, O2 down by {@code oxygenDrop} %. */
    record Fire(Duration at, Optional<String> coSensor, Optional<String> oxygenSensor, Duration develop, double peakCo,
            double oxygenDrop) implements ScenarioEvent {
        @Override
        public String type() {
            return "fire";
        }

        @Override
        public String describe() {
            return "fire starts near " + coSensor.or(() -> oxygenSensor).orElse("?") + ", developing over "
                    + ScenarioReader.format(develop);
        }
    }

    /** A storm over a site for {@code duration}, up to {@code peak} mm per 10 minutes. */
    record Rainstorm(Duration at, String site, Duration duration, double peak) implements ScenarioEvent {
        @Override
        public String type() {
            return "rainstorm";
        }

        @Override
        public String describe() {
            return "rainstorm over " + site + " for " + ScenarioReader.format(duration) + ", up to " + peak
                    + " mm per 10 min";
        }
    }

    /** Accelerating creep at a displacement point, failing {@code failureAfter} later. */
    record SlopeAcceleration(Duration at, String sensor, Duration failureAfter, double onsetVelocity)
            implements ScenarioEvent {
        @Override
        public String type() {
            return "slope_acceleration";
        }

        @Override
        public String describe() {
            return "slope at " + sensor + " starts accelerating; failure in " + ScenarioReader.format(failureAfter);
        }
    }

    /** A sensor fault for {@code duration}: offline, stuck, drifting or being calibrated. */
    record Fault(Duration at, String type, String sensor, Duration duration, double perHour, double value,
            Duration every, Duration length) implements ScenarioEvent {
        @Override
        public String describe() {
            return type.replace('_', ' ') + ": " + sensor + " for " + ScenarioReader.format(duration);
        }
    }
}
