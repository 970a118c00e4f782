package io.minewatch.gateway.history;

import io.minewatch.collectors.Reading;
import io.minewatch.gateway.storage.HistoryPoint;
import java.io.IOException;

/** A format a history is written in as it streams: {@link JsonHistoryOutput}, {@link CsvHistoryOutput}. */
public interface HistoryOutput {

    void begin(HistoryQuery query) throws IOException;

    void beginSeries(SensorSeries series) throws IOException;

    void reading(Reading reading) throws IOException;

    void point(HistoryPoint point) throws IOException;

    void endSeries() throws IOException;

    /** Completes the document and flushes it; the underlying stream is left open. */
    void end() throws IOException;
}
