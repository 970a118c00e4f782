package io.minewatch.gateway.storage;

/** The store could not be reached or failed transiently; the same write may succeed later. */
public class StoreUnavailableException extends Exception {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
