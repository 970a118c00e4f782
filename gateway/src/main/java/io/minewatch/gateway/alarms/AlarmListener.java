package io.minewatch.gateway.alarms;

/**
 * Receives alarm transitions as they are decided. Called on the event loop that evaluated the reading: must return
 * quickly and never block.
 */
@FunctionalInterface
public interface AlarmListener {

    void onAlarm(AlarmEvent event);
}
