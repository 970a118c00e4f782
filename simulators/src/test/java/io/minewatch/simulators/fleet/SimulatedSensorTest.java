package io.minewatch.simulators.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minewatch.config.quantity.Kind;
import io.minewatch.config.quantity.Unit;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedSensorTest {

    @Test
    void reportsInItsOwnUnitRoundedToItsDecimals() {
        SimulatedSensor inMetres = new SimulatedSensor("TP01", "TP01-GNSS-02", Kind.DISPLACEMENT, Unit.METRE, 4,
                t -> 31.26);
        SimulatedSensor ch4 = SimulatedSensor.canonical("CM01", "CM01-CH4-T1", Kind.CH4, 2, t -> 0.305);
        SimulatedSensor co = SimulatedSensor.canonical("CM01", "CM01-CO-01", Kind.CO, 0, t -> 4.49);

        assertThat(inMetres.valueAt(0)).isEqualTo(0.0313);
        assertThat(ch4.valueAt(0)).isEqualTo(0.31);
        assertThat(co.valueAt(0)).isEqualTo(4.0);
    }

    @Test
    void asksItsSignalAtTheInstantGiven() {
        SimulatedSensor sensor = SimulatedSensor.canonical("TP01", "TP01-WL-01", Kind.WATER_LEVEL, 3,
                t -> 7.0 + t / 1000.0);

        assertThat(sensor.valueAt(1_500)).isEqualTo(8.5);
    }

    @Test
    void rejectsAUnitOfAnotherDimension() {
        assertThatThrownBy(() -> new SimulatedSensor("CM01", "CM01-CH4-T1", Kind.CH4, Unit.MILLIMETRE, 2, t -> 0.3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sensor CM01-CH4-T1 unit : mm (expected: a unit of ch4 like %)");
    }

    @Test
    void rejectsIdsThatWouldBreakItsTopic() {
        assertThatThrownBy(() -> SimulatedSensor.canonical("CM01", "CM01/CH4", Kind.CH4, 2, t -> 0.3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("id : 'CM01/CH4' (expected: a non-blank id usable in an MQTT topic)");
        assertThatThrownBy(() -> SimulatedSensor.canonical("CM+", "CM01-CH4-T1", Kind.CH4, 2, t -> 0.3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("site : 'CM+' (expected: a non-blank id usable in an MQTT topic)");
    }

    @Test
    void fleetRejectsASensorIdTwice() {
        SimulatedSensor sensor = SimulatedSensor.canonical("CM01", "CM01-CH4-T1", Kind.CH4, 2, t -> 0.3);

        assertThatThrownBy(() -> new Fleet(List.of(sensor, sensor)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sensor : CM01-CH4-T1 (expected: each sensor id once)");
    }

    @Test
    void fleetNamesItsSensorsWhenAskedForAnUnknownOne() {
        Fleet fleet = new Fleet(List.of(SimulatedSensor.canonical("CM01", "CM01-CH4-T1", Kind.CH4, 2, t -> 0.3)));

        assertThat(fleet.sensor("CM01-CH4-T1")).isPresent();
        assertThatThrownBy(() -> fleet.require("CM01-CO-01"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sensor : CM01-CO-01 (expected: one of [CM01-CH4-T1])");
    }
}
