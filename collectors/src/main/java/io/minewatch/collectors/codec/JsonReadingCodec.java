package io.minewatch.collectors.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.minewatch.collectors.Ingest;
import io.minewatch.collectors.reject.PayloadExcerpt;
import io.minewatch.collectors.reject.RejectReason;
import io.minewatch.collectors.reject.Rejection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The default MQTT payload codec (BRIEF.md, "MQTT ingest"): one JSON object
 * {@code {"value": 0.42, "ts": 1763809200123, "kind": "ch4", "unit": "%", "quality": "good"}}, a JSON array of such
 * objects (a batch, each element decoded on its own), or a bare JSON number (a value received now).
 *
 * <ul>
 *   <li>{@code value} is required and must be a JSON number; {@code NaN} and {@code Infinity} are parsed and then
 *       rejected as non-finite, a numeric string is rejected as non-numeric;</li>
 *   <li>{@code ts} is integer epoch milliseconds or an ISO-8601 string with an offset; absent or null, the receive
 *       time is used; a time before {@link #EARLIEST_TIMESTAMP} is rejected, because it is almost always a device
 *       sending epoch seconds or a clock that was never set;</li>
 *   <li>{@code kind} and {@code unit} are optional (absent, null or blank: not given); they are passed on as given,
 *       not converted: enrichment converts, because the kind may only be known from the registry;</li>
 *   <li>{@code quality} is optional: {@code good} (absent or null), {@code uncertain} or {@code bad}, the source's
 *       own verdict on the value (the OPC UA collector encodes status codes this way); anything else is rejected.
 *       Only good readings raise threshold alarms;</li>
 *   <li>other fields are ignored.</li>
 * </ul>
 *
 * When one element of a batch has several faults, the rejection names the first of: value, kind, unit, timestamp,
 * quality. A payload that is not valid JSON as a whole yields one rejection and no readings, even when its first
 * elements were readable. Stateless and thread-safe.
 */
public final class JsonReadingCodec implements PayloadCodec {

    /** 2000-01-01T00:00:00Z: no monitoring system of this kind stamps readings earlier. */
    public static final Instant EARLIEST_TIMESTAMP = Instant.parse("2000-01-01T00:00:00Z");

    private final JsonFactory json = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();
    private final int maxPayloadBytes;

    public JsonReadingCodec(int maxPayloadBytes) {
        if (maxPayloadBytes <= 0) {
            throw new IllegalArgumentException("maxPayloadBytes : " + maxPayloadBytes + " (expected: > 0)");
        }
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public void decode(Ingest ingest, List<DecodedReading> readings, List<Rejection> rejections) {
        byte[] payload = ingest.payload();
        if (payload.length > maxPayloadBytes) {
            rejections.add(reject(ingest, RejectReason.OVERSIZED_PAYLOAD,
                    "payload : " + payload.length + " bytes (expected: <= " + maxPayloadBytes + ")",
                    PayloadExcerpt.of(payload)));
            return;
        }
        String badUtf8 = utf8Problem(payload);
        if (badUtf8 != null) {
            rejections.add(reject(ingest, RejectReason.BAD_UTF8, badUtf8, PayloadExcerpt.of(payload)));
            return;
        }
        int readingsBefore = readings.size();
        int rejectionsBefore = rejections.size();
        try (JsonParser parser = json.createParser(payload)) {
            JsonToken root = parser.nextToken();
            if (root == null) {
                rejections.add(reject(ingest, RejectReason.BAD_JSON, "payload : empty (expected: JSON)", ""));
                return;
            }
            switch (root) {
                case START_OBJECT -> decodeObject(parser, ingest, 0, payload.length, readings, rejections);
                case START_ARRAY -> decodeBatch(parser, ingest, readings, rejections);
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> decodeBareNumber(parser, ingest, readings, rejections);
                default -> {
                    parser.skipChildren();
                    rejections.add(reject(ingest, RejectReason.BAD_SHAPE, "payload : " + JsonText.describe(root)
                            + " (expected: an object, an array of objects or a number)", PayloadExcerpt.of(payload)));
                }
            }
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new MalformedDocumentException(parser, trailing);
            }
        } catch (JsonProcessingException e) {
            // A broken document says nothing reliable about any of its parts: take back what it produced.
            readings.subList(readingsBefore, readings.size()).clear();
            rejections.subList(rejectionsBefore, rejections.size()).clear();
            rejections.add(reject(ingest, RejectReason.BAD_JSON, jsonProblem(e), PayloadExcerpt.of(payload)));
        } catch (IOException e) {
            // Parsing a byte array does no I/O; keep the codec's promise never to throw all the same.
            readings.subList(readingsBefore, readings.size()).clear();
            rejections.subList(rejectionsBefore, rejections.size()).clear();
            rejections.add(reject(ingest, RejectReason.BAD_JSON, String.valueOf(e), PayloadExcerpt.of(payload)));
        }
    }

    private void decodeBatch(JsonParser parser, Ingest ingest, List<DecodedReading> readings,
            List<Rejection> rejections) throws IOException {
        int elements = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new MalformedDocumentException(parser, null);
            }
            elements++;
            int start = (int) parser.currentTokenLocation().getByteOffset();
            if (token == JsonToken.START_OBJECT) {
                decodeObject(parser, ingest, start, -1, readings, rejections);
            } else {
                parser.skipChildren();
                rejections.add(reject(ingest, RejectReason.BAD_SHAPE,
                        "batch element " + elements + " : " + JsonText.describe(token) + " (expected: an object)",
                        excerpt(parser, ingest.payload(), start)));
            }
        }
        if (elements == 0) {
            rejections.add(reject(ingest, RejectReason.BAD_SHAPE, "batch : empty (expected: at least one reading)",
                    "[]"));
        }
    }

    private void decodeBareNumber(JsonParser parser, Ingest ingest, List<DecodedReading> readings,
            List<Rejection> rejections) throws IOException {
        double value = parser.getDoubleValue();
        if (!Double.isFinite(value)) {
            rejections.add(reject(ingest, RejectReason.NON_FINITE_VALUE,
                    "value : " + value + " (expected: a finite number)", PayloadExcerpt.of(ingest.payload())));
            return;
        }
        readings.add(new DecodedReading(ingest.site(), ingest.sensor(), value, ingest.receivedAtMillis(), null, null,
                ingest.receivedAtMillis()));
    }

    /**
     * Reads one object whose START_OBJECT is the current token, up to and including its END_OBJECT. The element's
     * bytes run from {@code start} to {@code end}, or to the parser's position when {@code end} is negative; they
     * are only looked at when the object is rejected.
     */
    private void decodeObject(JsonParser parser, Ingest ingest, int start, int end, List<DecodedReading> readings,
            List<Rejection> rejections) throws IOException {
        ReadingFields fields = new ReadingFields();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken valueToken = parser.nextToken();
            switch (name) {
                case "value" -> fields.readValue(parser, valueToken);
                case "ts" -> fields.readTimestamp(parser, valueToken);
                case "kind" -> fields.readKind(parser, valueToken);
                case "unit" -> fields.readUnit(parser, valueToken);
                case "quality" -> fields.readQuality(parser, valueToken);
                default -> parser.skipChildren();
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new MalformedDocumentException(parser, token);
        }
        RejectReason reason = fields.problem();
        if (reason != null) {
            String text = end >= 0 ? PayloadExcerpt.of(ingest.payload(), start, end - start)
                    : excerpt(parser, ingest.payload(), start);
            rejections.add(reject(ingest, reason, fields.problemDetail, text));
            return;
        }
        long timestamp = fields.hasTimestamp ? fields.timestampMillis : ingest.receivedAtMillis();
        readings.add(new DecodedReading(ingest.site(), ingest.sensor(), fields.value, timestamp, fields.kind,
                fields.unit, ingest.receivedAtMillis(), fields.quality));
    }

    /** The bytes from {@code start} up to the parser's current position: the element just read. */
    private static String excerpt(JsonParser parser, byte[] payload, int start) {
        int end = (int) parser.currentLocation().getByteOffset();
        if (start < 0 || end <= start) {
            return PayloadExcerpt.of(payload);
        }
        return PayloadExcerpt.of(payload, start, end - start);
    }

    private static Rejection reject(Ingest ingest, RejectReason reason, String detail, String excerpt) {
        return new Rejection(reason, detail, ingest.source(), ingest.topic(), excerpt, ingest.receivedAtMillis());
    }

    /** Null when {@code payload} is valid UTF-8, else what is wrong with it. */
    private static String utf8Problem(byte[] payload) {
        for (byte b : payload) {
            if (b < 0) {
                return strictUtf8Problem(payload);
            }
        }
        return null; // all ASCII, the usual case: no decoder needed
    }

    private static String strictUtf8Problem(byte[] payload) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(payload);
        CoderResult result = decoder.decode(in, CharBuffer.allocate(payload.length), true);
        if (!result.isError()) {
            return null;
        }
        return String.format("payload : byte 0x%02X at offset %d is not valid UTF-8 (expected: UTF-8 encoded JSON)",
                payload[in.position()] & 0xFF, in.position());
    }

    private static String jsonProblem(JsonProcessingException e) {
        String location = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr();
        return "payload : not valid JSON: " + e.getOriginalMessage() + location;
    }

    /** Content after the root value, or a document cut short: the payload is not one JSON value. */
    private static final class MalformedDocumentException extends JsonProcessingException {
        private static final long serialVersionUID = 1L;

        MalformedDocumentException(JsonParser parser, JsonToken token) {
            super(token == null ? "unexpected end of input"
                    : "unexpected " + JsonText.describe(token) + " after the value", parser.currentLocation());
        }
    }
}
