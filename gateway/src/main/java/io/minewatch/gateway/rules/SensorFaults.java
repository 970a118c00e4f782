package io.minewatch.gateway.rules;

import io.minewatch.collectors.Reading;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in sensor-fault condition, kept in each sensor's {@link SensorAlarms}: {@link SensorFaultPolicy} BAD
 * readings in a row raise an alarm of rule {@link SensorFaultPolicy#RULE_ID}, a GOOD reading clears it.
 *
 * <p>UNCERTAIN readings neither count nor reset the count, nor clear the fault: a value of doubtful trust is evidence
 * neither that the sensor failed nor that it recovered. A GOOD reading older than the newest BAD one does not reset or
 * clear either (a late delivery says nothing about the sensor now), in line with late readings never clearing a
 * threshold alarm; a BAD one always counts. The alarm's threshold is the policy's count; its value is the count of BAD
 * readings when raised, 0 when cleared.
 */
final class SensorFaults {

    private static final Logger log = LoggerFactory.getLogger(SensorFaults.class);

    private final SensorFaultPolicy policy;
    private final Clock clock;
    private final AlarmIds ids;

    SensorFaults(SensorFaultPolicy policy, Clock clock, AlarmIds ids) {
        this.policy = policy;
        this.clock = clock;
        this.ids = ids;
    }

    void bad(SensorAlarms sensor, Reading reading, List<AlarmEvent> out) {
        if (sensor.badReadings < Integer.MAX_VALUE) {
            sensor.badReadings++;
        }
        sensor.lastBadMillis = Math.max(sensor.lastBadMillis, reading.timestampMillis());
        if (sensor.fault != null || sensor.badReadings < policy.consecutiveBadReadings()) {
            return;
        }
        long now = clock.millis();
        double threshold = policy.consecutiveBadReadings();
        double count = sensor.badReadings;
        AlarmCause raise = AlarmCause.of(reading, SensorFaultPolicy.RULE_ID, AlarmTransition.RAISED,
                SensorFaultPolicy.LEVEL_NAME, count);
        String alarmId = ids.alarmId(raise);
        log.warn("sensor {} site {}: {} BAD readings in a row, raising sensor fault {}", reading.sensor(),
                reading.site(), sensor.badReadings, alarmId);
        sensor.fault = new ActiveAlarm(alarmId, reading.site(), reading.sensor(), reading.kind(),
                SensorFaultPolicy.RULE_ID, SensorFaultPolicy.LEVEL_NAME, SensorFaultPolicy.LEVEL, threshold, count,
                now, now);
        out.add(new AlarmEvent(ids.eventId(raise), alarmId, AlarmTransition.RAISED, reading.site(), reading.sensor(),
                reading.kind(), SensorFaultPolicy.RULE_ID, SensorFaultPolicy.LEVEL_NAME, SensorFaultPolicy.LEVEL, null,
                threshold, count, reading.timestampMillis(), now, reading.registered()));
    }

    /** Called for a GOOD reading of a sensor that has BAD readings counted or a fault active. */
    void good(SensorAlarms sensor, Reading reading, List<AlarmEvent> out) {
        if (reading.timestampMillis() < sensor.lastBadMillis) {
            return;
        }
        sensor.badReadings = 0;
        ActiveAlarm fault = sensor.fault;
        if (fault == null) {
            return;
        }
        sensor.fault = null;
        log.info("sensor {} site {}: GOOD reading, clearing sensor fault {}", reading.sensor(), reading.site(),
                fault.alarmId());
        AlarmCause clear = AlarmCause.of(reading, fault.ruleId(), AlarmTransition.CLEARED, fault.levelName(), 0.0);
        out.add(new AlarmEvent(ids.eventId(clear), fault.alarmId(), AlarmTransition.CLEARED, reading.site(), reading.sensor(),
                reading.kind(), fault.ruleId(), fault.levelName(), fault.level(), fault.level(), fault.threshold(), 0.0,
                reading.timestampMillis(), clock.millis(), reading.registered()));
    }
}
