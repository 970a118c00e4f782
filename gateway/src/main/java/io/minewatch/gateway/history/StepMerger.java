package io.minewatch.gateway.history;

import io.minewatch.gateway.storage.HistoryPoint;
import java.io.IOException;

/**
 * Joins partial aggregates of the same step into one point. A step served by several sources (an hour rollup up to the
 * last complete hour, finer rollups and raw readings after it) arrives as consecutive partials with the same start;
 * rows of one step always arrive together because the sources are read in time order, so one pending step suffices.
 */
final class StepMerger {

    private final PointSink sink;
    private boolean pending;
    private long start;
    private double min;
    private double max;
    private double sum;
    private long count;
    private double last;

    StepMerger(PointSink sink) {
        this.sink = sink;
    }

    /** A partial of the step starting at {@code stepStart}; {@code last} is the latest value of the partial. */
    void add(long stepStart, double partialMin, double partialMax, double partialSum, double partialLast,
            long partialCount) throws IOException {
        if (partialCount <= 0) {
            return;
        }
        if (pending && stepStart != start) {
            flush();
        }
        if (!pending) {
            pending = true;
            start = stepStart;
            min = partialMin;
            max = partialMax;
            sum = partialSum;
            count = partialCount;
        } else {
            min = Math.min(min, partialMin);
            max = Math.max(max, partialMax);
            sum += partialSum;
            count += partialCount;
        }
        last = partialLast;
    }

    /** Emits the pending step, if any; call once after the last partial. */
    void flush() throws IOException {
        if (pending) {
            pending = false;
            sink.accept(new HistoryPoint(start, sum / count, min, max, last, count));
        }
    }
}
