package io.minewatch.collectors;

/**
 * Where a collector hands what it received. {@link #submit(Ingest)} may block the caller while the gateway is at its
 * in-flight limit: that is how intake slows down when storage cannot keep up.
 */
@FunctionalInterface
public interface IngestSink {

    void submit(Ingest ingest) throws InterruptedException;
}
