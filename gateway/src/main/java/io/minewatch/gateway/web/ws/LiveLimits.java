package io.minewatch.gateway.web.ws;

import java.time.Duration;

/**
 * How much one live client may cost.
 *
 * @param sendInterval      at most one frame per client per interval: the max send rate, and per sensor the latest
 *                          value of the interval wins
 * @param dropAfter         a client that cannot take a frame for this long is disconnected
 * @param maxPendingAlarms  alarm events kept for a client between frames; beyond, it gets a fresh snapshot
 * @param maxQueuedAlarms   alarm events held between ticks for all clients together; beyond, everyone resyncs
 */
public record LiveLimits(Duration sendInterval, Duration dropAfter, int maxPendingAlarms, int maxQueuedAlarms) {

    public static final LiveLimits DEFAULT = new LiveLimits(Duration.ofMillis(200), Duration.ofSeconds(15), 1000,
            10_000);

    public LiveLimits {
        if (sendInterval.isZero() || sendInterval.isNegative()) {
            throw new IllegalArgumentException("sendInterval : " + sendInterval + " (expected: > 0)");
        }
        if (dropAfter.compareTo(sendInterval) <= 0) {
            throw new IllegalArgumentException("dropAfter : " + dropAfter + " (expected: > sendInterval)");
        }
        if (maxPendingAlarms <= 0 || maxQueuedAlarms <= 0) {
            throw new IllegalArgumentException("maxPendingAlarms/maxQueuedAlarms : " + maxPendingAlarms + "/"
                    + maxQueuedAlarms + " (expected: > 0)");
        }
    }
}
