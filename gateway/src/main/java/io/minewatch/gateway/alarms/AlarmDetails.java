package io.minewatch.gateway.alarms;

/** Names of the {@link AlarmEvent#details()} the alarm lifecycle writes, one place for every output to agree on. */
public final class AlarmDetails {

    /** ACKNOWLEDGED: the person who acknowledged. */
    public static final String ACKNOWLEDGED_BY = "acknowledged_by";
    /** ACKNOWLEDGED: what was done. */
    public static final String NOTE = "note";
    /** UNACKNOWLEDGED: the contact level now told, 1 for the first. */
    public static final String CONTACT_LEVEL = "contact_level";
    /** UNACKNOWLEDGED: the name of that contact level's contact (a person or role). */
    public static final String CONTACT = "contact";
    /** UNACKNOWLEDGED: how that contact is shown. */
    public static final String CONTACT_NAME = "contact_name";
    /** UNACKNOWLEDGED: the deadline that passed, ISO-8601. */
    public static final String DEADLINE = "deadline";
    /** SHELVED: how many times the alarm was raised within the window. */
    public static final String RAISED_COUNT = "raised_count";
    /** SHELVED: the chatter window, ISO-8601 duration. */
    public static final String WINDOW = "window";
    /** SHELVED: when it is unshelved by itself, ISO-8601. */
    public static final String SHELVED_UNTIL = "shelved_until";
    /** UNSHELVED: why: {@code time} (shelve_for passed) or {@code red} (a red transition, never shelved). */
    public static final String REASON = "reason";
    /** Any transition of a shelved alarm: "true" (recorded, not notified). */
    public static final String SHELVED = "shelved";

    private AlarmDetails() {
    }
}
