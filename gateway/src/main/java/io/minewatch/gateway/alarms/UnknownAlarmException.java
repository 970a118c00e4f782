package io.minewatch.gateway.alarms;

/** No standing alarm (active, or cleared and not yet acknowledged) has the given id. */
public final class UnknownAlarmException extends RuntimeException {

    public UnknownAlarmException(String alarmId) {
        super("alarm " + alarmId + " is not standing (unknown, or cleared and acknowledged)");
    }
}
