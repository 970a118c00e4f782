package io.minewatch.gateway.alarms;

import java.util.concurrent.CompletionStage;

/**
 * Acknowledges alarms on behalf of a person (ISA-18.2: acknowledgement is independent of clearing). The
 * acknowledgement becomes an {@link AlarmTransition#ACKNOWLEDGED} event, with {@code acknowledged_by} and {@code note}
 * in its details, that goes everywhere the alarm's other events go.
 */
public interface AlarmAcknowledger {

    /**
     * Acknowledges the alarm {@code alarmId}.
     *
     * @param user the authenticated person acknowledging (never taken from a request body)
     * @param note what was done, or null
     * @return the ACKNOWLEDGED event once it is recorded; completes exceptionally with {@link UnknownAlarmException}
     *         when no standing alarm has that id, or {@link AlarmAlreadyAcknowledgedException} when it was already
     *         acknowledged
     */
    CompletionStage<AlarmEvent> acknowledge(String alarmId, String user, String note);
}
