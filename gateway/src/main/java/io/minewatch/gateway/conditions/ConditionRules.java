package io.minewatch.gateway.conditions;

import io.minewatch.gateway.rules.SensorFaultPolicy;
import java.util.Set;

/**
 * Rule ids of the alarms raised by sensor conditions rather than by threshold rules. No profile rule should use them.
 * Their alarms are ordinary alarm events; these ids tell them apart downstream.
 */
public final class ConditionRules {

    /** No reading for the sensor's offline time (period × periods). */
    public static final String OFFLINE = "sensor_offline";
    /** The value stayed exactly constant for the sensor's flatline time. */
    public static final String FLATLINE = "flatline";
    /** A value outside the sensor's physical range, kept from the threshold rules. */
    public static final String OUT_OF_RANGE = "out_of_range";
    /** The sensor is in maintenance or calibration: its alarms are suppressed. */
    public static final String MAINTENANCE = "maintenance";
    /** The combined warning level of a tailings-pond item or of the whole pond (DOMAIN.md §2). */
    public static final String POND_LEVEL = "pond_level";
    /** The inverse-velocity slope failure forecast (DOMAIN.md §3). */
    public static final String SLOPE_FORECAST = "slope_forecast";

    private static final Set<String> ALL = Set.of(OFFLINE, FLATLINE, OUT_OF_RANGE, MAINTENANCE, POND_LEVEL,
            SLOPE_FORECAST);

    private ConditionRules() {
    }

    /** True for the rule ids above: alarms the rule engine's threshold rules neither raise nor restore. */
    public static boolean isCondition(String ruleId) {
        return ALL.contains(ruleId);
    }

    /** True for an alarm of a threshold rule of a profile: neither a condition nor the built-in sensor fault. */
    public static boolean isThreshold(String ruleId) {
        return !ALL.contains(ruleId) && !SensorFaultPolicy.RULE_ID.equals(ruleId);
    }
}
