package io.minewatch.gateway.storage;

/** The store refused a write as invalid; retrying the same write will not help. Carries the store's reason. */
public class StoreRejectedException extends Exception {

    public StoreRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
