package io.minewatch.gateway.alarms;

/** The alarm was acknowledged before; it names who did and when. */
public final class AlarmAlreadyAcknowledgedException extends RuntimeException {

    private final Acknowledgement acknowledgement;

    public AlarmAlreadyAcknowledgedException(String alarmId, Acknowledgement acknowledgement) {
        super("alarm " + alarmId + " was already acknowledged"
                + (acknowledgement.by() == null ? "" : " by " + acknowledgement.by()) + " at "
                + java.time.Instant.ofEpochMilli(acknowledgement.atMillis()));
        this.acknowledgement = acknowledgement;
    }

    public Acknowledgement acknowledgement() {
        return acknowledgement;
    }
}
