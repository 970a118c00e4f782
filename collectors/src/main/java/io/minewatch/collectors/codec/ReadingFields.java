package io.minewatch.collectors.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.minewatch.collectors.Quality;
import io.minewatch.collectors.reject.RejectReason;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.quantity.Unit;
import java.io.IOException;
import java.time.DateTimeException;
import java.util.Arrays;

/**
 * The fields of one reading object as {@link JsonReadingCodec} reads them, and the most important thing wrong with
 * them. Each field's fault is kept on its own, so that the reason reported does not depend on the order of the
 * fields: value, then kind, then unit, then timestamp, then quality.
 */
final class ReadingFields {

    private static final long EARLIEST_TIMESTAMP_MILLIS = JsonReadingCodec.EARLIEST_TIMESTAMP.toEpochMilli();
    private static final String KIND_IDS = String.join(", ", Arrays.stream(Kind.values()).map(Kind::id).toList());
    private static final String UNIT_SYMBOLS =
            String.join(", ", Arrays.stream(Unit.values()).map(Unit::symbol).toList());

    double value;
    boolean hasValue;
    long timestampMillis;
    boolean hasTimestamp;
    Kind kind;
    Unit unit;
    Quality quality = Quality.GOOD;
    RejectReason valueProblem;
    String valueDetail;
    RejectReason kindProblem;
    String kindDetail;
    RejectReason unitProblem;
    String unitDetail;
    RejectReason timestampProblem;
    String timestampDetail;
    RejectReason qualityProblem;
    String qualityDetail;
    String problemDetail;

    void readValue(JsonParser parser, JsonToken token) throws IOException {
        valueProblem = null;
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            value = parser.getDoubleValue();
            hasValue = true;
            if (!Double.isFinite(value)) {
                valueProblem = RejectReason.NON_FINITE_VALUE;
                valueDetail = "value : " + value + " (expected: a finite number)";
            }
        } else {
            hasValue = true;
            valueProblem = RejectReason.NON_NUMERIC_VALUE;
            valueDetail = "value : " + JsonText.shortText(parser, token) + " (expected: a JSON number)";
            parser.skipChildren();
        }
    }

    void readTimestamp(JsonParser parser, JsonToken token) throws IOException {
        timestampProblem = null;
        hasTimestamp = false;
        switch (token) {
            case VALUE_NULL -> { }
            case VALUE_NUMBER_INT -> {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    timestampFault(parser, token, "integer epoch milliseconds");
                } else {
                    accept(parser.getLongValue(), parser, token);
                }
            }
            case VALUE_STRING -> {
                try {
                    accept(IsoTimestamps.toEpochMillis(parser.getText()), parser, token);
                } catch (DateTimeException | ArithmeticException e) {
                    timestampFault(parser, token, "epoch milliseconds or ISO-8601 with offset, "
                            + "e.g. 2025-11-22T10:00:00.123Z");
                }
            }
            default -> {
                timestampFault(parser, token, "integer epoch milliseconds or an ISO-8601 string");
                parser.skipChildren();
            }
        }
    }

    private void accept(long millis, JsonParser parser, JsonToken token) throws IOException {
        if (millis < EARLIEST_TIMESTAMP_MILLIS) {
            timestampFault(parser, token, "epoch milliseconds after " + JsonReadingCodec.EARLIEST_TIMESTAMP
                    + "; epoch seconds or an unset device clock?");
            return;
        }
        timestampMillis = millis;
        hasTimestamp = true;
    }

    private void timestampFault(JsonParser parser, JsonToken token, String expected) throws IOException {
        timestampProblem = RejectReason.BAD_TIMESTAMP;
        timestampDetail = "ts : " + JsonText.shortText(parser, token) + " (expected: " + expected + ")";
    }

    void readKind(JsonParser parser, JsonToken token) throws IOException {
        kindProblem = null;
        kind = null;
        if (token == JsonToken.VALUE_NULL) {
            return;
        }
        if (token == JsonToken.VALUE_STRING) {
            String id = parser.getText();
            if (id.isBlank()) {
                return;
            }
            kind = Kind.byId(id).orElse(null);
        } else {
            parser.skipChildren();
        }
        if (kind == null) {
            kindProblem = RejectReason.UNKNOWN_KIND;
            kindDetail = "kind : " + JsonText.shortText(parser, token) + " (expected: one of " + KIND_IDS + ")";
        }
    }

    void readUnit(JsonParser parser, JsonToken token) throws IOException {
        unitProblem = null;
        unit = null;
        if (token == JsonToken.VALUE_NULL) {
            return;
        }
        if (token == JsonToken.VALUE_STRING) {
            String symbol = parser.getText();
            if (symbol.isBlank()) {
                return;
            }
            unit = Unit.bySymbol(symbol).orElse(null);
        } else {
            parser.skipChildren();
        }
        if (unit == null) {
            unitProblem = RejectReason.BAD_UNIT;
            unitDetail = "unit : " + JsonText.shortText(parser, token) + " (expected: one of " + UNIT_SYMBOLS + ")";
        }
    }

    void readQuality(JsonParser parser, JsonToken token) throws IOException {
        qualityProblem = null;
        quality = Quality.GOOD;
        if (token == JsonToken.VALUE_NULL) {
            return;
        }
        Quality given = null;
        if (token == JsonToken.VALUE_STRING) {
            given = Quality.byId(parser.getText().trim()).orElse(null);
        } else {
            parser.skipChildren();
        }
        if (given == null) {
            qualityProblem = RejectReason.BAD_QUALITY;
            qualityDetail = "quality : " + JsonText.shortText(parser, token) + " (expected: good, uncertain or bad)";
        } else {
            quality = given;
        }
    }

    RejectReason problem() {
        if (!hasValue) {
            problemDetail = "value : absent (expected: a JSON number)";
            return RejectReason.MISSING_VALUE;
        }
        if (valueProblem != null) {
            problemDetail = valueDetail;
            return valueProblem;
        }
        if (kindProblem != null) {
            problemDetail = kindDetail;
            return kindProblem;
        }
        if (unitProblem != null) {
            problemDetail = unitDetail;
            return unitProblem;
        }
        if (kind != null && unit != null && !unit.convertibleTo(kind.canonicalUnit())) {
            problemDetail = "unit : " + unit.symbol() + " (expected: a unit convertible to "
                    + kind.canonicalUnit().symbol() + " for kind " + kind.id() + ")";
            return RejectReason.BAD_UNIT;
        }
        if (timestampProblem != null) {
            problemDetail = timestampDetail;
            return timestampProblem;
        }
        if (qualityProblem != null) {
            problemDetail = qualityDetail;
            return qualityProblem;
        }
        return null;
    }
}
