package io.minewatch.gateway.uplink;

/**
 * One endpoint as {@code /health} shows it.
 *
 * @param name          endpoint name
 * @param type          mqtt or webhook
 * @param target        URL (and topic), without credentials
 * @param state         {@code up} (last delivery worked, or nothing to deliver yet) or {@code retrying}
 * @param deliveredSeq  journal seq delivered up to
 * @param backlog       journal entries not yet delivered
 * @param delivered     entries delivered since start
 * @param failures      failed attempts since start
 * @param deadLetters   entries refused as such since start
 * @param lastError     the last failure, "" when none since the last delivery
 * @param sinceMillis   when the current state began
 */
public record EndpointStatus(String name, String type, String target, String state, long deliveredSeq, long backlog,
        long delivered, long failures, long deadLetters, String lastError, long sinceMillis) {
}
