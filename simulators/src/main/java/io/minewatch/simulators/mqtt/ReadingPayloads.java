package io.minewatch.simulators.mqtt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.minewatch.simulators.fleet.SimulatedSensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Encodes a reading in the default JSON codec: {@code {"value":0.42,"ts":1763809200123,"kind":"ch4","unit":"%"}}. */
public final class ReadingPayloads {

    // A JsonFactory is immutable once configured and safe to share between threads.
    private static final JsonFactory JSON = new JsonFactory();

    private ReadingPayloads() {
    }

    /** The payload of {@code sensor}'s reading {@code value} (in the sensor's unit) taken at {@code epochMillis}. */
    public static byte[] encode(SimulatedSensor sensor, double value, long epochMillis) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("sensor " + sensor.id() + " value : " + value + " (expected: finite)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(80);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("value", value);
            json.writeNumberField("ts", epochMillis);
            json.writeStringField("kind", sensor.kind().id());
            json.writeStringField("unit", sensor.unit().symbol());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a reading of " + sensor.id(), e);
        }
        return out.toByteArray();
    }
}
