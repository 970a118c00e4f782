package io.minewatch.gateway.alarms;

/**
 * Who acknowledged an alarm, when, and what they wrote.
 *
 * @param by        the person, or null when only the time is known (recorded from an ACKNOWLEDGED event)
 * @param atMillis  when, epoch milliseconds
 * @param note      what was done, or null
 */
public record Acknowledgement(String by, long atMillis, String note) {
}
