package io.minewatch.config;

import java.time.Duration;

/**
 * Tuning of the reading pipeline ({@code pipeline:}; every key optional).
 *
 * @param eventLoops         event loops that evaluate readings; each sensor belongs to one (default: cores)
 * @param maxInFlight        ingested messages not yet stored before intake waits (default 20000)
 * @param maxFutureSkew      readings stamped further in the future are rejected (default 5 minutes)
 */
public record PipelineConfig(int eventLoops, int maxInFlight, Duration maxFutureSkew) {

    public static final PipelineConfig DEFAULT = new PipelineConfig(0, 0, null);

    public PipelineConfig {
        eventLoops = eventLoops <= 0 ? Math.max(1, Runtime.getRuntime().availableProcessors()) : eventLoops;
        maxInFlight = maxInFlight <= 0 ? 20_000 : maxInFlight;
        maxFutureSkew = maxFutureSkew == null ? Duration.ofMinutes(5) : maxFutureSkew;
    }
}
