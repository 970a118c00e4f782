package io.minewatch.gateway.history;

import io.minewatch.collectors.Reading;
import io.minewatch.gateway.storage.HistoryPoint;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * CSV, one row per point, every sensor in one table: raw {@code time,sensor,kind,value,quality}, aggregated
 * {@code time,sensor,kind,mean,min,max,last,count}. Sensor ids are plain identifiers, so no field needs quoting.
 */
public final class CsvHistoryOutput implements HistoryOutput {

    private final Writer out;
    private SensorSeries current;

    public CsvHistoryOutput(OutputStream out) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
    }

    @Override
    public void begin(HistoryQuery query) throws IOException {
        out.write(query.resolution().isRaw() ? "time,sensor,kind,value,quality\n"
                : "time,sensor,kind,mean,min,max,last,count\n");
    }

    @Override
    public void beginSeries(SensorSeries series) {
        current = series;
    }

    @Override
    public void reading(Reading reading) throws IOException {
        prefix(reading.timestampMillis());
        out.write(Double.toString(reading.value()));
        out.write(',');
        out.write(reading.quality().id());
        out.write('\n');
    }

    @Override
    public void point(HistoryPoint point) throws IOException {
        prefix(point.timestampMillis());
        out.write(point.mean() + "," + point.min() + "," + point.max() + "," + point.last() + "," + point.count());
        out.write('\n');
    }

    private void prefix(long time) throws IOException {
        out.write(Instant.ofEpochMilli(time).toString());
        out.write(',');
        out.write(current.sensor());
        out.write(',');
        out.write(current.kind().id());
        out.write(',');
    }

    @Override
    public void endSeries() {
        current = null;
    }

    @Override
    public void end() throws IOException {
        out.flush();
    }
}
