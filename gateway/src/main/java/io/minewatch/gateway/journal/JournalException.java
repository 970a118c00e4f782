package io.minewatch.gateway.journal;

/** The journal cannot be opened, written or read; the message names the file and what failed. */
public final class JournalException extends Exception {

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
