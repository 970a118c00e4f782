package io.minewatch.gateway.storage;

/**
 * The oldest entry of the {@link Spool} cannot be decoded (damaged on disk, or written by an incompatible version).
 * It blocks the spool until {@link Spool#setAside(long, String)} moves it out of the way.
 */
public class UnreadableSpoolEntryException extends Exception {

    private final long entryId;
    private final int points;

    public UnreadableSpoolEntryException(long entryId, int points, String reason, Throwable cause) {
        super("spool entry " + entryId + " of " + points + " points is unreadable: " + reason, cause);
        this.entryId = entryId;
        this.points = points;
    }

    public long entryId() {
        return entryId;
    }

    public int points() {
        return points;
    }
}
