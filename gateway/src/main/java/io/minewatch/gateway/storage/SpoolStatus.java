package io.minewatch.gateway.storage;

/**
 * The store-and-forward backlog at one moment.
 *
 * @param points          readings and alarm events waiting to be forwarded
 * @param bytes           bytes the spool holds on disk
 * @param maxBytes        its bound
 * @param oldestAgeMillis how long the oldest waiting point has waited; 0 when none waits
 * @param level           fill level, as reported to the gateway's own alarm
 */
public record SpoolStatus(long points, long bytes, long maxBytes, long oldestAgeMillis, SpoolLevel level) {
}
