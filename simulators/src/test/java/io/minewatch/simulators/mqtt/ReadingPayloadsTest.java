package io.minewatch.simulators.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minewatch.config.quantity.Kind;
import io.minewatch.config.quantity.Unit;
import io.minewatch.simulators.fleet.SimulatedSensor;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReadingPayloadsTest {

    private final SimulatedSensor ch4 = SimulatedSensor.canonical("CM01", "CM01-CH4-T1", Kind.CH4, 2, t -> 0.42);
    private final SimulatedSensor dust = SimulatedSensor.canonical("CM01", "CM01-DUST-01", Kind.DUST, 1, t -> 2.5);
    private final SimulatedSensor gnss = new SimulatedSensor("TP01", "TP01-GNSS-02", Kind.DISPLACEMENT, Unit.METRE, 4,
            t -> 31.0);

    @Test
    void encodesValueTimeKindAndUnitInTheDefaultCodec() {
        String json = new String(ReadingPayloads.encode(ch4, 0.42, 1763809200123L), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"value\":0.42,\"ts\":1763809200123,\"kind\":\"ch4\",\"unit\":\"%\"}");
    }

    @Test
    void namesTheSensorsOwnUnit() {
        assertThat(new String(ReadingPayloads.encode(gnss, 0.031, 1L), StandardCharsets.UTF_8))
                .isEqualTo("{\"value\":0.031,\"ts\":1,\"kind\":\"displacement\",\"unit\":\"m\"}");
        assertThat(new String(ReadingPayloads.encode(dust, 2.5, 1L), StandardCharsets.UTF_8))
                .contains("\"unit\":\"mg/m3\"");
    }

    @Test
    void refusesAValueThatIsNotANumber() {
        assertThatThrownBy(() -> ReadingPayloads.encode(ch4, Double.NaN, 1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sensor CM01-CH4-T1 value : NaN (expected: finite)");
    }
}
