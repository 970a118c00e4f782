package io.minewatch.gateway.alarms.lifecycle;

/** Where notifications go (MQTT topic per contact, the log). Must not block. */
@FunctionalInterface
public interface NotificationChannel {

    void send(Notification notification);
}
