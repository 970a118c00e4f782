package io.minewatch.gateway.journal;

/** A journal line that is not an entry at all (not JSON, fields missing): the reason says what is wrong. */
public final class MalformedEntryException extends Exception {

    public MalformedEntryException(String reason) {
        super(reason);
    }
}
