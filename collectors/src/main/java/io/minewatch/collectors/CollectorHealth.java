package io.minewatch.collectors;

import java.time.Instant;
import java.util.Objects;

/**
 * The state of a collector's connection, with a human-readable detail (e.g. the last connection error) and the time
 * it entered that state.
 */
public record CollectorHealth(State state, String detail, Instant since) {

    public enum State { STARTING, CONNECTED, RECONNECTING, STOPPED }

    public CollectorHealth {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        detail = detail == null ? "" : detail;
    }

    public boolean isUp() {
        return state == State.CONNECTED;
    }
}
