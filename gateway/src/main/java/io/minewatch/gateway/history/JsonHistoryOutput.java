package io.minewatch.gateway.history;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.minewatch.collectors.Reading;
import io.minewatch.gateway.storage.HistoryPoint;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;

/**
 * JSON written token by token. With {@code single} (one sensor asked for as {@code sensor=}) the shape of the first
 * {@code /api/history}: {@code {"sensor","kind","unit","from","to","step","points":[...]}}; otherwise
 * {@code {"from","to","step","series":[{"sensor","kind","unit","points":[...]}]}}. Both carry {@code "automatic"}
 * (whether the step was chosen). A raw point is {@code {"time","value","quality"}}, an aggregated one
 * {@code {"time","mean","min","max","last","count"}}; times are ISO-8601 UTC.
 */
public final class JsonHistoryOutput implements HistoryOutput {

    private final JsonGenerator json;
    private final boolean single;
    /** In the single shape the header follows the sensor's fields, so it waits for {@link #beginSeries}. */
    private HistoryQuery headerPending;

    public JsonHistoryOutput(OutputStream out, boolean single) throws IOException {
        this.json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        this.single = single;
    }

    @Override
    public void begin(HistoryQuery query) throws IOException {
        json.writeStartObject();
        if (!single) {
            header(query);
            json.writeArrayFieldStart("series");
        }
        headerPending = query;
    }

    private void header(HistoryQuery query) throws IOException {
        json.writeStringField("from", Instant.ofEpochMilli(query.fromMillis()).toString());
        json.writeStringField("to", Instant.ofEpochMilli(query.toMillis()).toString());
        if (query.resolution().isRaw()) {
            json.writeNullField("step");
        } else {
            json.writeStringField("step", query.resolution().step().toString());
            json.writeNumberField("step_ms", query.resolution().stepMillis());
        }
        json.writeBooleanField("automatic", query.resolution().automatic());
    }

    @Override
    public void beginSeries(SensorSeries series) throws IOException {
        if (!single) {
            json.writeStartObject();
        }
        json.writeStringField("sensor", series.sensor());
        json.writeStringField("kind", series.kind().id());
        json.writeStringField("unit", series.kind().canonicalUnit().symbol());
        if (single) {
            header(headerPending);
        }
        json.writeArrayFieldStart("points");
    }

    @Override
    public void reading(Reading reading) throws IOException {
        json.writeStartObject();
        json.writeStringField("time", Instant.ofEpochMilli(reading.timestampMillis()).toString());
        json.writeNumberField("value", reading.value());
        json.writeStringField("quality", reading.quality().id());
        json.writeEndObject();
    }

    @Override
    public void point(HistoryPoint point) throws IOException {
        json.writeStartObject();
        json.writeStringField("time", Instant.ofEpochMilli(point.timestampMillis()).toString());
        json.writeNumberField("mean", point.mean());
        json.writeNumberField("min", point.min());
        json.writeNumberField("max", point.max());
        json.writeNumberField("last", point.last());
        json.writeNumberField("count", point.count());
        json.writeEndObject();
    }

    @Override
    public void endSeries() throws IOException {
        json.writeEndArray();
        if (!single) {
            json.writeEndObject();
        }
    }

    @Override
    public void end() throws IOException {
        if (!single) {
            json.writeEndArray();
        }
        json.writeEndObject();
        json.flush();
    }
}
