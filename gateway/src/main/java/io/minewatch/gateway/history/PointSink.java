package io.minewatch.gateway.history;

import io.minewatch.gateway.storage.HistoryPoint;
import java.io.IOException;

/** Where a streamed history goes, point by point; an {@link IOException} (a client gone) stops the query. */
@FunctionalInterface
public interface PointSink {

    void accept(HistoryPoint point) throws IOException;
}
