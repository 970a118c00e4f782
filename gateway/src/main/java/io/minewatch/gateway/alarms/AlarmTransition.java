package io.minewatch.gateway.alarms;

import java.util.Locale;

/** What happened to an alarm. */
public enum AlarmTransition {
    /** A new alarm, at its first level. */
    RAISED,
    /** The alarm moved to a more severe level. */
    ESCALATED,
    /** The alarm moved to a less severe level, still active. */
    DEESCALATED,
    /** A person acknowledged the alarm. */
    ACKNOWLEDGED,
    /** The value is back on the safe side of every level's restore threshold. */
    CLEARED,
    /** Nobody acknowledged the alarm before its deadline; the next contact level and the regulator are told. */
    UNACKNOWLEDGED,
    /** The alarm chattered and was shelved: its further raise/clear cycles are journalled but not notified. */
    SHELVED,
    /** A shelved alarm returned to normal notification. */
    UNSHELVED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
