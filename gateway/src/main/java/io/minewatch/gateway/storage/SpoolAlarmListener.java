package io.minewatch.gateway.storage;

/**
 * Told when the spool changes {@link SpoolLevel}: the gateway raises an alarm about itself on leaving
 * {@link SpoolLevel#NORMAL}, escalates it on {@link SpoolLevel#FULL}, and clears it on coming back to
 * {@link SpoolLevel#NORMAL}. Called once per change (never per write), on the thread that changed the spool (the
 * storage writer or the forwarder): it must be quick and must not block.
 */
@FunctionalInterface
public interface SpoolAlarmListener {

    /** Ignores every change; for set-ups that watch the gauges only. */
    SpoolAlarmListener NONE = (previous, current, bytes, maxBytes) -> { };

    void spoolLevelChanged(SpoolLevel previous, SpoolLevel current, long bytes, long maxBytes);
}
