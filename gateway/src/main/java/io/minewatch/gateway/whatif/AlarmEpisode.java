package io.minewatch.gateway.whatif;

import io.minewatch.config.rules.Level;

/**
 * One alarm from raised to cleared, as a rule set produced it.
 *
 * @param clearedMillis when it cleared, or -1 when still active at the end of the period
 * @param peakLevel     the most severe level it reached
 * @param peakValue     the value of the transition into that level
 */
public record AlarmEpisode(String sensor, String ruleId, String alarmId, long raisedMillis, long clearedMillis,
        Level peakLevel, String peakLevelName, double peakValue, double threshold) {

    public boolean isOpen() {
        return clearedMillis < 0;
    }

    /** Its duration, up to {@code endMillis} when still active. */
    public long durationMillis(long endMillis) {
        return (isOpen() ? endMillis : clearedMillis) - raisedMillis;
    }

    /** True when the two overlap in time. */
    public boolean overlaps(AlarmEpisode other, long endMillis) {
        long end = isOpen() ? endMillis : clearedMillis;
        long otherEnd = other.isOpen() ? endMillis : other.clearedMillis;
        return raisedMillis <= otherEnd && other.raisedMillis <= end;
    }
}
