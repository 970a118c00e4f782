package io.minewatch.gateway.storage;

/**
 * The {@link Spool} has no room for a batch: it holds its configured maximum, or the disk under it is full. Like any
 * unavailability, the same batch may be taken later, once forwarding has made room.
 */
public class SpoolFullException extends StoreUnavailableException {

    public SpoolFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
