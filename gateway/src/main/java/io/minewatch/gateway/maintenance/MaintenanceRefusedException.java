package io.minewatch.gateway.maintenance;

/** A maintenance request that cannot be carried out: an unknown sensor, an end time not in the future. */
public final class MaintenanceRefusedException extends Exception {

    private final boolean unknownSensor;

    MaintenanceRefusedException(String message, boolean unknownSensor) {
        super(message);
        this.unknownSensor = unknownSensor;
    }

    /** True when the sensor is not registered (HTTP 404), false for a bad argument (HTTP 400). */
    public boolean unknownSensor() {
        return unknownSensor;
    }
}
