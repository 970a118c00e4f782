package io.minewatch.gateway.cli;

/** The command line was not understood; the message says what was expected. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
