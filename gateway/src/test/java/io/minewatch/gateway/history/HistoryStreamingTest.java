package io.minewatch.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.collectors.Quality;
import io.minewatch.collectors.Reading;
import io.minewatch.config.quantity.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryStreamingTest {

    private static final long T0 = 1_763_800_000_000L;
    private static final int POINTS = 2_000_000;
    /** A CSV row is at least this long: 24 characters of time, the sensor, kind, value and quality. */
    private static final int MIN_ROW_BYTES = 40;

    /** Produces a day of readings and checks, as it produces each, how much has reached the output. */
    private static final class Synthetic implements HistorySource {
        private final CountingStream sink;
        long maxPending;

        Synthetic(CountingStream sink) {
            this.sink = sink;
        }

        @Override
        public String name() {
            return "synthetic";
        }

        @Override
        public void raw(SensorSeries series, long fromMillis, long toMillis, ReadingSink readings) throws IOException {
            for (int i = 0; i < POINTS; i++) {
                long producedBytes = (long) i * MIN_ROW_BYTES;
                maxPending = Math.max(maxPending, producedBytes - sink.count);
                readings.accept(new Reading("CM01", series.sensor(), series.kind(), 0.25 + i % 10 / 100.0,
                        fromMillis + i, Quality.GOOD, true, fromMillis + i));
            }
        }

        @Override
        public void aggregated(SensorSeries series, long from, long to, long step, PointSink sink) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    @Test
    void csvExportOfTwoMillionPointsNeverHoldsMoreThanABufferOfThem() throws Exception {
        CountingStream out = new CountingStream();
        Synthetic source = new Synthetic(out);
        HistoryService history = new HistoryService(source, new StepPolicy(2_000));
        HistoryQuery query = history.plan(List.of(new SensorSeries("CH4-1", Kind.CH4)), T0, T0 + POINTS, null, true);
        history.run(query, new CsvHistoryOutput(out), HistoryService.Progress.NONE);
        assertThat(out.count).isGreaterThan((long) POINTS * MIN_ROW_BYTES);
        // At most a write buffer (16 k characters, up to 3 bytes each) is ever behind: not the 80+ MB of the whole.
        assertThat(source.maxPending).isLessThan(64 * 1024);
    }

    @Test
    void jsonExportStreamsTooAndKeepsTheFirstShapeForOneSensor() throws Exception {
        CountingStream counter = new CountingStream();
        Synthetic source = new Synthetic(counter);
        HistoryService history = new HistoryService(source, new StepPolicy(2_000));
        HistoryQuery query = history.plan(List.of(new SensorSeries("CH4-1", Kind.CH4)), T0, T0 + POINTS, null, true);
        history.run(query, new JsonHistoryOutput(counter, true), HistoryService.Progress.NONE);
        assertThat(source.maxPending).isLessThan(64 * 1024);

        ByteArrayOutputStream small = new ByteArrayOutputStream();
        JsonHistoryOutput json = new JsonHistoryOutput(small, true);
        json.begin(query);
        json.beginSeries(query.series().get(0));
        json.reading(new Reading("CM01", "CH4-1", Kind.CH4, 0.5, T0, Quality.GOOD, true, T0));
        json.endSeries();
        json.end();
        assertThat(small.toString(StandardCharsets.UTF_8)).isEqualTo("{\"sensor\":\"CH4-1\",\"kind\":\"ch4\","
                + "\"unit\":\"%\",\"from\":\"2025-11-22T08:26:40Z\",\"to\":\"2025-11-22T09:00:00Z\",\"step\":null,"
                + "\"automatic\":false,\"points\":[{\"time\":\"2025-11-22T08:26:40Z\",\"value\":0.5,"
                + "\"quality\":\"good\"}]}");
    }
}
