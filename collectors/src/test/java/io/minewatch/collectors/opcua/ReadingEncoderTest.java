package io.minewatch.collectors.opcua;

import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.collectors.Quality;
import io.minewatch.collectors.codec.DecodedReading;
import io.minewatch.collectors.codec.JsonReadingCodec;
import io.minewatch.collectors.reject.RejectReason;
import io.minewatch.collectors.reject.Rejection;
import io.minewatch.config.quantity.Unit;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.junit.jupiter.api.Test;

class ReadingEncoderTest {

    private static final long RECEIVED = Instant.parse("2025-11-22T10:00:05Z").toEpochMilli();
    private static final Instant SOURCE = Instant.parse("2025-11-22T10:00:01.250Z");
    private static final Instant SERVER = Instant.parse("2025-11-22T10:00:01.400Z");
    private static final MappedNode CH4 = new MappedNode(new NodeId(2, "CM01.CH4.T1"), "CM01-CH4-T1", "CM01", null);
    private static final MappedNode GNSS = new MappedNode(new NodeId(3, 1001), "TP01-GNSS-02", "TP01", Unit.METRE);

    private static final long GOOD = 0L;

    private final ReadingEncoder encoder = new ReadingEncoder("plc1");

    private static DataValue value(Object value, long status, Instant source, Instant server) {
        return new DataValue(value == null ? Variant.NULL_VALUE : new Variant(value), new StatusCode(status),
                source == null ? null : new DateTime(source), server == null ? null : new DateTime(server));
    }

    /** Decodes what the encoder produced with the gateway's own codec, as the pipeline will. */
    private DecodedReading decoded(MappedNode node, DataValue value) {
        ReadingEncoder.Outcome outcome = encoder.encode(node, value, RECEIVED);
        assertThat(outcome.rejection()).isNull();
        List<DecodedReading> readings = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        new JsonReadingCodec(1024).decode(outcome.ingest(), readings, rejections);
        assertThat(rejections).isEmpty();
        return readings.get(0);
    }

    @Test
    void encodesAGoodValueStampedWithItsSourceTimestampForTheSensorsSite() {
        ReadingEncoder.Outcome outcome = encoder.encode(CH4, value(0.42, GOOD, SOURCE, SERVER), RECEIVED);

        assertThat(new String(outcome.ingest().payload(), StandardCharsets.UTF_8))
                .isEqualTo("{\"value\":0.42,\"ts\":" + SOURCE.toEpochMilli() + "}");
        assertThat(outcome.ingest().source()).isEqualTo("plc1");
        assertThat(outcome.ingest().topic()).isEqualTo("ns=2;s=CM01.CH4.T1");
        assertThat(outcome.ingest().site()).isEqualTo("CM01");
        assertThat(outcome.ingest().sensor()).isEqualTo("CM01-CH4-T1");
        assertThat(outcome.ingest().receivedAtMillis()).isEqualTo(RECEIVED);
    }

    @Test
    void fallsBackToTheServerTimestampThenToTheReceiveTime() {
        assertThat(decoded(CH4, value(0.42, GOOD, null, SERVER)).timestampMillis())
                .isEqualTo(SERVER.toEpochMilli());
        assertThat(decoded(CH4, value(0.42, GOOD, null, null)).timestampMillis()).isEqualTo(RECEIVED);
    }

    @Test
    void turnsTheStatusCodesSeverityIntoTheReadingsQuality() {
        assertThat(decoded(CH4, value(0.4, StatusCodes.Good_LocalOverride, SOURCE, null)).quality())
                .isEqualTo(Quality.GOOD);
        assertThat(decoded(CH4, value(0.4, StatusCodes.Uncertain_SensorNotAccurate, SOURCE, null)).quality())
                .isEqualTo(Quality.UNCERTAIN);
        assertThat(decoded(CH4, value(1.8, StatusCodes.Bad_SensorFailure, SOURCE, null)))
                .extracting(DecodedReading::quality, DecodedReading::value).containsExactly(Quality.BAD, 1.8);
    }

    @Test
    void carriesTheLastValueWhenABadStatusComesWithoutOne() {
        decoded(CH4, value(0.37, GOOD, SOURCE, null));

        DecodedReading fault = decoded(CH4, value(null, StatusCodes.Bad_CommunicationError, SOURCE, null));

        assertThat(fault.quality()).isEqualTo(Quality.BAD);
        assertThat(fault.value()).isEqualTo(0.37);
    }

    @Test
    void rejectsABadStatusWithoutValueWhenTheNodeNeverSentOne() {
        ReadingEncoder.Outcome outcome = encoder.encode(CH4, value(null, StatusCodes.Bad_CommunicationError, SOURCE,
                null), RECEIVED);

        assertThat(outcome.ingest()).isNull();
        assertThat(outcome.rejection().reason()).isEqualTo(RejectReason.MISSING_VALUE);
        assertThat(outcome.rejection().detail()).isEqualTo("sensor CM01-CH4-T1 value : none with status"
                + " Bad_CommunicationError (expected: a number; the node has sent no earlier value to carry the fault)");
        assertThat(outcome.rejection().source()).isEqualTo("plc1");
        assertThat(outcome.rejection().topic()).isEqualTo("ns=2;s=CM01.CH4.T1");
    }

    @Test
    void readsEveryNumericTypeAndBooleansAsOneOrZero() {
        assertThat(decoded(CH4, value(3, GOOD, SOURCE, null)).value()).isEqualTo(3.0);
        assertThat(decoded(CH4, value(0.5f, GOOD, SOURCE, null)).value()).isEqualTo(0.5);
        assertThat(decoded(CH4, value(12.618f, GOOD, SOURCE, null)).value()).isEqualTo(12.618);
        assertThat(decoded(CH4, value(UInteger.valueOf(4_000_000_000L), GOOD, SOURCE, null)).value())
                .isEqualTo(4.0e9);
        assertThat(decoded(CH4, value(true, GOOD, SOURCE, null)).value()).isEqualTo(1.0);
        assertThat(decoded(CH4, value(false, GOOD, SOURCE, null)).value()).isEqualTo(0.0);
    }

    @Test
    void rejectsTextAndArraysAsNonNumeric() {
        ReadingEncoder.Outcome text = encoder.encode(CH4, value("0.42", GOOD, SOURCE, null), RECEIVED);
        ReadingEncoder.Outcome array = encoder.encode(CH4, value(new double[] {1, 2}, GOOD, SOURCE, null),
                RECEIVED);

        assertThat(text.rejection().reason()).isEqualTo(RejectReason.NON_NUMERIC_VALUE);
        assertThat(text.rejection().detail()).isEqualTo("sensor CM01-CH4-T1 value : String 0.42 (expected: a number"
                + " or a boolean)");
        assertThat(array.rejection().reason()).isEqualTo(RejectReason.NON_NUMERIC_VALUE);
    }

    @Test
    void letsTheCodecRejectNaNWithItsUsualReason() {
        ReadingEncoder.Outcome outcome = encoder.encode(CH4, value(Double.NaN, GOOD, SOURCE, null),
                RECEIVED);
        List<DecodedReading> readings = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();

        new JsonReadingCodec(1024).decode(outcome.ingest(), readings, rejections);

        assertThat(readings).isEmpty();
        assertThat(rejections).extracting(Rejection::reason).containsExactly(RejectReason.NON_FINITE_VALUE);
    }

    @Test
    void namesTheMappingsUnitSoTheGatewayConvertsIt() {
        DecodedReading reading = decoded(GNSS, value(0.0123, GOOD, SOURCE, null));

        assertThat(reading.unit()).isEqualTo(Unit.METRE);
        assertThat(reading.site()).isEqualTo("TP01");
    }
}
