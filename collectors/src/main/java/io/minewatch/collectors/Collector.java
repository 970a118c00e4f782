package io.minewatch.collectors;

/**
 * Something that brings readings in from one source (a broker, a PLC), in the manner of HiveMQ Edge's protocol
 * adapters: {@link #start(IngestSink)} connects and begins delivering, {@link #stop()} disconnects, and
 * {@link #health()} says how the connection is doing. A collector never throws from its delivery thread: what it
 * cannot read goes to its {@link io.minewatch.collectors.reject.RejectSink}, and lost connections are retried.
 */
public interface Collector extends AutoCloseable {

    /** The unique name from configuration, used in logs, metrics and health. */
    String name();

    /**
     * Starts delivering into {@code sink}. Returns once the first connection attempt has been made; a source that
     * is not reachable yet is retried in the background and shows in {@link #health()}.
     */
    void start(IngestSink sink);

    /** Stops intake and disconnects; waits at most a few seconds. Safe to call twice. */
    void stop();

    CollectorHealth health();

    @Override
    default void close() {
        stop();
    }
}
