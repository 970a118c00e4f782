package io.minewatch.gateway.history;

import io.minewatch.gateway.storage.HistoryPoint;
import java.io.IOException;

/**
 * Where the histories of several series go, one series after another in the order they were asked for: each series'
 * points between its {@link #beginSeries} and {@link #endSeries}, oldest first.
 */
public interface SeriesSink {

    void beginSeries(int index) throws IOException;

    void point(HistoryPoint point) throws IOException;

    void endSeries(int index) throws IOException;
}
