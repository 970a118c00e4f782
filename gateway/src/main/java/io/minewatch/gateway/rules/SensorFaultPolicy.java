package io.minewatch.gateway.rules;

import io.minewatch.config.rules.Level;

/**
 * When the rule engine declares a sensor faulty: after {@code consecutiveBadReadings} BAD readings in a row. The fault
 * is built in, not configured: every sensor has it, whatever its rules (DOMAIN.md §1: the system must tell a sensor
 * fault apart from normal and alarm states).
 *
 * @param consecutiveBadReadings BAD readings in a row that raise the fault, at least 1
 */
public record SensorFaultPolicy(int consecutiveBadReadings) {

    /** Rule id of fault alarms; no rule of the rule book should use it. */
    public static final String RULE_ID = "sensor_fault";
    /** Level name of fault alarms. */
    public static final String LEVEL_NAME = "fault";
    /*
     * Yellow: a faulty sensor is not a measured danger (orange and red are kept for those), but it leaves its place
     * unwatched, which is more than the blue of an early hint.
     */
    public static final Level LEVEL = Level.YELLOW;

    /*
     * Three: one BAD status is often transient (a frame lost, a server re-establishing a subscription); three in a row
     * at the ≤ 10 s polling cycle of DOMAIN.md §1 mean the sensor has been blind for up to half a minute, which is
     * reported within the 40 s that the same section allows for data lost on a system fault.
     */
    public static final SensorFaultPolicy DEFAULT = new SensorFaultPolicy(3);

    public SensorFaultPolicy {
        if (consecutiveBadReadings < 1) {
            throw new IllegalArgumentException(
                    "consecutiveBadReadings : " + consecutiveBadReadings + " (expected: at least 1)");
        }
    }
}
