package io.minewatch.gateway.replay;

/** Waits; injected so that a test drives a replay's pacing with a clock of its own instead of real time. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = millis -> {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("replay interrupted");
        }
    };

    void sleep(long millis) throws java.io.IOException;
}
