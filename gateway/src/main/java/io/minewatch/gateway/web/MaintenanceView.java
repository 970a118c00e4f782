package io.minewatch.gateway.web;

/**
 * Whether a sensor is in maintenance mode, for the maintenance mark on the screen. The sensor-conditions component
 * provides the real one; until it is wired, no sensor is.
 */
@FunctionalInterface
public interface MaintenanceView {

    MaintenanceView NONE = sensor -> false;

    boolean inMaintenance(String sensor);
}
