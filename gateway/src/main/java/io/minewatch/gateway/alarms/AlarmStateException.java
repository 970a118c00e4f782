package io.minewatch.gateway.alarms;

/** The alarm state could not be read or made durable; the message names the file and what failed. */
public final class AlarmStateException extends Exception {

    public AlarmStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
