package io.minewatch.collectors.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.collectors.Delivery;
import io.minewatch.collectors.Ingest;
import io.minewatch.collectors.Quality;
import io.minewatch.collectors.reject.RejectReason;
import io.minewatch.collectors.reject.Rejection;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.quantity.Unit;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonReadingCodecTest {

    private static final long RECEIVED = Instant.parse("2025-11-22T10:00:05Z").toEpochMilli();
    private static final long TS = 1763809200123L; // 2025-11-22T11:00:00.123Z
    private static final String TOPIC = "minewatch/CM01/CM01-CH4-T1";

    private final JsonReadingCodec codec = new JsonReadingCodec(1024);
    private final List<DecodedReading> readings = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();

    private void decode(String payload) {
        decode(payload.getBytes(StandardCharsets.UTF_8));
    }

    private void decode(byte[] payload) {
        codec.decode(new Ingest("site-broker", TOPIC, "CM01", "CM01-CH4-T1", payload, RECEIVED, Delivery.NONE),
                readings, rejections);
    }

    private Rejection onlyRejection() {
        assertThat(readings).isEmpty();
        assertThat(rejections).hasSize(1);
        return rejections.get(0);
    }

    @Test
    void decodesObjectWithValueTimestampKindAndUnit() {
        decode("{\"value\": 0.42, \"ts\": 1763809200123, \"kind\": \"ch4\", \"unit\": \"%\"}");

        assertThat(rejections).isEmpty();
        assertThat(readings).containsExactly(
                new DecodedReading("CM01", "CM01-CH4-T1", 0.42, TS, Kind.CH4, Unit.PERCENT, RECEIVED));
    }

    @Test
    void usesReceiveTimeWhenTimestampIsAbsentOrNull() {
        decode("{\"value\": 0.42}");
        decode("{\"value\": 0.43, \"ts\": null}");

        assertThat(rejections).isEmpty();
        assertThat(readings).extracting(DecodedReading::timestampMillis).containsExactly(RECEIVED, RECEIVED);
    }

    @Test
    void leavesKindAndUnitNullWhenAbsent() {
        decode("{\"value\": 12}");

        assertThat(readings).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo(12.0);
            assertThat(r.kind()).isNull();
            assertThat(r.unit()).isNull();
        });
    }

    @Test
    void passesUnitThroughWithoutConverting() {
        decode("{\"value\": 4200, \"kind\": \"CH4\", \"unit\": \"ppm\"}");

        assertThat(readings).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo(4200.0);
            assertThat(r.kind()).isEqualTo(Kind.CH4);
            assertThat(r.unit()).isEqualTo(Unit.PPM);
        });
    }

    @Test
    void acceptsNonAsciiUnitSymbol() {
        decode("{\"value\": 1.2, \"kind\": \"dust\", \"unit\": \"mg/m³\"}");

        assertThat(rejections).isEmpty();
        assertThat(readings).singleElement().extracting(DecodedReading::unit).isEqualTo(Unit.MG_PER_M3);
    }

    @Test
    void decodesIsoTimestampInUtc() {
        decode("{\"value\": 1, \"ts\": \"2025-11-22T11:00:00.123Z\"}");

        assertThat(readings).singleElement().extracting(DecodedReading::timestampMillis).isEqualTo(TS);
    }

    @Test
    void decodesIsoTimestampWithOffset() {
        decode("{\"value\": 1, \"ts\": \"2025-11-22T19:00:00.123+08:00\"}");
        decode("{\"value\": 1, \"ts\": \"2025-11-22T19:00:00+08:00\"}");

        assertThat(rejections).isEmpty();
        assertThat(readings).extracting(DecodedReading::timestampMillis).containsExactly(TS, TS - 123);
    }

    @Test
    void decodesEpochMilliseconds() {
        decode("{\"ts\": 1763809200123, \"value\": -3.5}");

        assertThat(readings).singleElement().satisfies(r -> {
            assertThat(r.timestampMillis()).isEqualTo(TS);
            assertThat(r.value()).isEqualTo(-3.5);
        });
    }

    @Test
    void ignoresUnknownFields() {
        decode("{\"value\": 1, \"battery\": {\"volts\": [3.6, 3.5]}, \"seq\": 7, \"note\": null}");

        assertThat(rejections).isEmpty();
        assertThat(readings).hasSize(1);
    }

    @Test
    void carriesTheQualityTheSourceGaveAndGoodWhenItGaveNone() {
        decode("{\"value\": 0.42}");
        decode("{\"value\": 0.42, \"quality\": null}");
        decode("{\"value\": 0.42, \"quality\": \"uncertain\"}");
        decode("{\"value\": 0.42, \"quality\": \"BAD\"}");

        assertThat(rejections).isEmpty();
        assertThat(readings).extracting(DecodedReading::quality)
                .containsExactly(Quality.GOOD, Quality.GOOD, Quality.UNCERTAIN, Quality.BAD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"fine\"", "0", "true", "[\"bad\"]"})
    void rejectsAQualityThatIsNotGoodUncertainOrBad(String quality) {
        decode("{\"value\": 0.42, \"quality\": " + quality + "}");

        Rejection rejection = onlyRejection();
        assertThat(rejection.reason()).isEqualTo(RejectReason.BAD_QUALITY);
        assertThat(rejection.detail()).startsWith("quality : ").endsWith("(expected: good, uncertain or bad)");
    }

    @Test
    void decodesBareNumberAsValueReceivedNow() {
        decode(" 0.87 ");

        assertThat(rejections).isEmpty();
        assertThat(readings).containsExactly(
                new DecodedReading("CM01", "CM01-CH4-T1", 0.87, RECEIVED, null, null, RECEIVED));
    }

    @Test
    void decodesBatchAndRejectsOnlyItsBadElement() {
        decode("[{\"value\": 1.0, \"ts\": 1763809200123}, {\"value\": \"x\"}, {\"value\": 2.0, \"kind\": \"co\"}]");

        assertThat(readings).extracting(DecodedReading::value).containsExactly(1.0, 2.0);
        assertThat(readings.get(1).kind()).isEqualTo(Kind.CO);
        assertThat(rejections).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectReason.NON_NUMERIC_VALUE);
            assertThat(r.excerpt()).isEqualTo("{\"value\": \"x\"}");
        });
    }

    @Test
    void rejectsNonObjectElementOfBatchAsBadShape() {
        decode("[{\"value\": 1.0}, 2.0]");

        assertThat(readings).hasSize(1);
        assertThat(rejections).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectReason.BAD_SHAPE);
            assertThat(r.excerpt()).isEqualTo("2.0");
        });
    }

    @Test
    void rejectsEmptyBatchAsBadShape() {
        decode("[ ]");

        assertThat(onlyRejection().reason()).isEqualTo(RejectReason.BAD_SHAPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"0.42\"", "true", "null", "\"hello\""})
    void rejectsRootThatIsNeitherObjectArrayNorNumberAsBadShape(String payload) {
        decode(payload);

        assertThat(onlyRejection().reason()).isEqualTo(RejectReason.BAD_SHAPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"value\": 0.4", "{value: 1}", "{\"value\": 1} trailing", "{\"value\": 1}{}", "",
            "   ", "0.4.2"})
    void rejectsPayloadThatIsNotJsonAsBadJson(String payload) {
        decode(payload);

        Rejection rejection = onlyRejection();
        assertThat(rejection.reason()).isEqualTo(RejectReason.BAD_JSON);
        assertThat(rejection.detail()).startsWith("payload : ");
    }

    @Test
    void rejectsWholeBatchWithoutReadingsWhenItIsNotValidJson() {
        decode("[{\"value\": 1.0}, {\"value\": 2.0}, {\"value\": ");

        assertThat(onlyRejection().reason()).isEqualTo(RejectReason.BAD_JSON);
    }

    @Test
    void rejectsObjectWithoutValueAsMissingValue() {
        decode("{\"ts\": 1763809200123, \"kind\": \"ch4\"}");

        Rejection rejection = onlyRejection();
        assertThat(rejection.reason()).isEqualTo(RejectReason.MISSING_VALUE);
        assertThat(rejection.excerpt()).isEqualTo("{\"ts\": 1763809200123, \"kind\": \"ch4\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"0.42\"", "null", "true", "[0.42]", "{\"v\": 1}"})
    void rejectsValueThatIsNotAJsonNumberAsNonNumeric(String value) {
        decode("{\"value\": " + value + "}");

        assertThat(onlyRejection().reason()).isEqualTo(RejectReason.NON_NUMERIC_VALUE);
    }

    @Test
    void rejectsPayloadWithNaNValue() {
        decode("{\"value\": NaN, \"kind\": \"ch4\"}");

        Rejection rejection = onlyRejection();
        assertThat(rejection.reason()).isEqualTo(RejectReason.NON_FINITE_VALUE);
        assertThat(rejection.detail()).isEqualTo("value : NaN (expected: a finite number)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Infinity", "-Infinity", "1e999"})
    void rejectsPayloadWithInfiniteValue(String value) {
        decode("{\"value\": " + value + "}");

        assertThat(onlyRejection().reason()).isEqualTo(RejectReason.NON_FINITE_VALUE);
    }

    @Test
    void rejectsBareNaNAsNonFinite() {
        decode("NaN");

        assertThat(onlyRejection().reason()).isEqualTo(RejectReason.NON_FINITE_VALUE);
    }

    @Test
    void rejectsUnknownKind() {
        decode("{\"value\": 1, \"kind\": \"methane\"}");

        Rejection rejection = onlyRejection();
        assertThat(rejection.reason()).isEqualTo(RejectReason.UNKNOWN_KIND);
        assertThat(rejection.detail()).startsWith("kind : \"methane\" (expected: one of ch4, co,");
    }

    @Test
    void rejectsKindThatIsNotAString() {
        decode("{\"value\": 1, \"kind\": 4}");

        assertThat(onlyRejection().reason()).isEqualTo(RejectReason.UNKNOWN_KIND);
    }

    @Test
    void rejectsUnknownUnitSymbolAsBadUnit() {
        decode("{\"value\": 1, \"unit\": \"furlong\"}");

        Rejection rejection = onlyRejection();
        assertThat(rejection.reason()).isEqualTo(RejectReason.BAD_UNIT);
        assertThat(rejection.detail()).startsWith("unit : \"furlong\"");
    }

    @Test
    void rejectsUnitThatDoesNotFitTheKindAsBadUnit() {
        decode("{\"value\": 1, \"kind\": \"ch4\", \"unit\": \"mm\"}");

        Rejection rejection = onlyRejection();
        assertThat(rejection.reason()).isEqualTo(RejectReason.BAD_UNIT);
        assertThat(rejection.detail()).isEqualTo("unit : mm (expected: a unit convertible to % for kind ch4)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"yesterday\"", "\"2025-11-22T10:00:00\"", "\"2025-02-30T10:00:00Z\"",
            "\"1763809200123\"", "1.763809200123E12", "true", "{}", "99999999999999999999999",
            "1763809200", "0"})
    void rejectsTimestampThatIsNeitherRecentEpochMillisNorIsoWithOffset(String ts) {
        decode("{\"value\": 1, \"ts\": " + ts + "}");

        Rejection rejection = onlyRejection();
        assertThat(rejection.reason()).isEqualTo(RejectReason.BAD_TIMESTAMP);
        assertThat(rejection.detail()).startsWith("ts : ");
    }

    @Test
    void rejectsPayloadLargerThanTheLimitWithoutParsingIt() {
        JsonReadingCodec small = new JsonReadingCodec(16);
        byte[] payload = "{\"value\": 1, \"pad\": \"xxxxxxxx\"}".getBytes(StandardCharsets.UTF_8);

        small.decode(new Ingest("site-broker", TOPIC, "CM01", "CM01-CH4-T1", payload, RECEIVED, null),
                readings, rejections);

        Rejection rejection = onlyRejection();
        assertThat(rejection.reason()).isEqualTo(RejectReason.OVERSIZED_PAYLOAD);
        assertThat(rejection.detail()).isEqualTo("payload : " + payload.length + " bytes (expected: <= 16)");
    }

    @Test
    void keepsOnlyABoundedExcerptOfAnOversizedPayload() {
        decode("{\"value\": 1, \"pad\": \"" + "x".repeat(5000) + "\"}");

        Rejection rejection = onlyRejection();
        assertThat(rejection.reason()).isEqualTo(RejectReason.OVERSIZED_PAYLOAD);
        assertThat(rejection.excerpt()).hasSize(Rejection.MAX_EXCERPT_CHARS + 1).endsWith("…");
    }

    @Test
    void rejectsBytesThatAreNotUtf8() {
        byte[] payload = {'{', '"', 'v', 'a', 'l', 'u', 'e', '"', ':', '1', ',', '"', 'u', '"', ':', '"',
                (byte) 0xC3, (byte) 0x28, '"', '}'};

        decode(payload);

        Rejection rejection = onlyRejection();
        assertThat(rejection.reason()).isEqualTo(RejectReason.BAD_UTF8);
        assertThat(rejection.detail()).contains("0xC3").contains("offset 16");
    }

    @Test
    void namesTheValueFaultFirstWhenAnElementHasSeveral() {
        decode("{\"kind\": \"methane\", \"ts\": \"soon\", \"unit\": \"furlong\", \"value\": \"high\"}");

        assertThat(onlyRejection().reason()).isEqualTo(RejectReason.NON_NUMERIC_VALUE);
    }

    @Test
    void rejectionCarriesSourceTopicAndReceiveTime() {
        decode("{\"value\": NaN}");

        Rejection rejection = onlyRejection();
        assertThat(rejection.source()).isEqualTo("site-broker");
        assertThat(rejection.topic()).isEqualTo(TOPIC);
        assertThat(rejection.atMillis()).isEqualTo(RECEIVED);
    }

    @Test
    void addsToListsThatAlreadyHoldEarlierResults() {
        decode("{\"value\": 1}");
        decode("{\"value\": NaN}");
        decode("[{\"value\": 2}, {\"value\": 3}, ");

        assertThat(readings).extracting(DecodedReading::value).containsExactly(1.0);
        assertThat(rejections).extracting(Rejection::reason)
                .containsExactly(RejectReason.NON_FINITE_VALUE, RejectReason.BAD_JSON);
    }
}
