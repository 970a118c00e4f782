package io.minewatch.gateway.rules;

import io.minewatch.collectors.Reading;
import io.minewatch.gateway.alarms.AlarmTransition;

/**
 * What made an alarm transition: the rule, the reading (its sensor, time and the value the rule saw) and the
 * transition with the level it led to. Evaluating the same reading again in the same state gives the same cause, so
 * ids derived from it ({@link AlarmIds#fromCauses}) let every consumer drop a transition delivered twice, for example
 * after the gateway was killed between raising an alarm and acknowledging the reading.
 */
public record AlarmCause(String site, String sensor, String ruleId, AlarmTransition transition, String levelName,
        long readingTimestampMillis, double value) {

    static AlarmCause of(Reading reading, String ruleId, AlarmTransition transition, String levelName,
            double value) {
        return new AlarmCause(reading.site(), reading.sensor(), ruleId, transition, levelName,
                reading.timestampMillis(), value);
    }
}
