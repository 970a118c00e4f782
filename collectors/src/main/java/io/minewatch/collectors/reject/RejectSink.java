package io.minewatch.collectors.reject;

/** Takes what was rejected: counts it per reason and keeps it in the dead-letter log. Thread-safe. */
@FunctionalInterface
public interface RejectSink {

    void reject(Rejection rejection);
}
