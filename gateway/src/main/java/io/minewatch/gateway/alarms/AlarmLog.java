package io.minewatch.gateway.alarms;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes every alarm transition to the log, one line each, naming site, sensor, level and the crossing. */
public final class AlarmLog implements AlarmListener {

    private static final Logger LOG = LoggerFactory.getLogger("minewatch.alarms");

    @Override
    public void onAlarm(AlarmEvent e) {
        LOG.warn("ALARM {} {} {}/{} rule {} level {} ({}) value {} threshold {} alarm {}", e.transition().id(),
                e.kind().id(), e.site(), e.sensor(), e.ruleId(), e.level().id(), e.levelName(), e.value(),
                e.threshold(), e.alarmId());
    }
}
