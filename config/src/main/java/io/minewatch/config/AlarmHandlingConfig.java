package io.minewatch.config;

import io.minewatch.config.rules.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How alarms are handled once raised ({@code alarm_handling:}): the acknowledgement deadline and 叫应 escalation
 * (DOMAIN.md §7: a warning goes to a named person who must answer; an unanswered one is escalated), shelving of
 * chattering alarms, and the rate limit of notifications to a person.
 *
 * @param defaults      the acknowledgement policy of every site without its own
 * @param sites         per-site policies, by site id, replacing the defaults for that site
 * @param shelving      flood control of chattering alarms
 * @param notifyEvery   at most one notification per contact per this interval; the rest are grouped into a digest
 */
public record AlarmHandlingConfig(AckPolicy defaults, Map<String, AckPolicy> sites, Shelving shelving,
        Duration notifyEvery) {

    /**
     * A contact id is a single MQTT topic level: notifications go to
     * {@code {alarms.topic_prefix}/_notifications/{id}}.
     */
    public static final Pattern CONTACT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    public static final Duration DEFAULT_NOTIFY_EVERY = Duration.ofMinutes(1);

    public static final AlarmHandlingConfig DEFAULT = new AlarmHandlingConfig(AckPolicy.DEFAULT, Map.of(),
            Shelving.DEFAULT, DEFAULT_NOTIFY_EVERY);

    public AlarmHandlingConfig {
        defaults = defaults == null ? AckPolicy.DEFAULT : defaults;
        sites = Map.copyOf(sites == null ? Map.of() : sites);
        shelving = shelving == null ? Shelving.DEFAULT : shelving;
        notifyEvery = notifyEvery == null ? DEFAULT_NOTIFY_EVERY : notifyEvery;
        if (notifyEvery.isNegative() || notifyEvery.isZero()) {
            throw new IllegalArgumentException("notifyEvery : " + notifyEvery + " (expected: > 0)");
        }
    }

    /** The acknowledgement policy of {@code site}: its own, or the defaults. */
    public AckPolicy policyFor(String site) {
        return sites.getOrDefault(site, defaults);
    }

    /**
     * One contact level of the escalation: whom an unacknowledged alarm goes to.
     *
     * @param id   topic-safe id, e.g. {@code shift_supervisor}
     * @param name how it is shown, e.g. {@code "Shift supervisor Li Wei"}; the id when absent
     */
    public record Contact(String id, String name) {

        public Contact {
            Objects.requireNonNull(id, "id");
            if (!CONTACT_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("id : " + id + " (expected: matching " + CONTACT_ID + ")");
            }
            name = name == null || name.isBlank() ? id : name;
        }
    }

    /**
     * The acknowledgement deadline of a site.
     *
     * @param deadline  how long an alarm may stay unacknowledged before the first contact level is told, and then
     *                  each further level
     * @param minLevel  the least severe level that has a deadline; less severe alarms never escalate
     * @param contacts  the contact levels in order, at least one; the first is told at the first deadline
     */
    public record AckPolicy(Duration deadline, Level minLevel, List<Contact> contacts) {

        public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(5);
        public static final List<Contact> DEFAULT_CONTACTS = List.of(new Contact("shift_supervisor", null),
                new Contact("safety_officer", null), new Contact("mine_manager", null));
        public static final AckPolicy DEFAULT = new AckPolicy(DEFAULT_DEADLINE, Level.ORANGE, DEFAULT_CONTACTS);

        public AckPolicy {
            deadline = deadline == null ? DEFAULT_DEADLINE : deadline;
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("deadline : " + deadline + " (expected: > 0)");
            }
            minLevel = minLevel == null ? Level.ORANGE : minLevel;
            contacts = List.copyOf(contacts == null || contacts.isEmpty() ? DEFAULT_CONTACTS : contacts);
        }

        /** True when an alarm at {@code level} has a deadline. */
        public boolean appliesTo(Level level) {
            return !minLevel.isAbove(level);
        }
    }

    /**
     * Flood control: a rule of a sensor raised {@code raises} times within {@code window} is shelved for
     * {@code shelveFor}; its transitions are still recorded, but nobody is notified of them.
     *
     * @param enabled   false: never shelve
     * @param raises    raises within the window that shelve, at least 2
     * @param window    the window the raises are counted in
     * @param shelveFor how long a shelved rule stays shelved; it is unshelved by itself afterwards
     * @param shelveRed false (the default): red alarms (power cut) are never shelved, and a red transition of a
     *                  shelved rule unshelves it, because a chattering power-cut sensor must still reach people
     */
    public record Shelving(boolean enabled, int raises, Duration window, Duration shelveFor, boolean shelveRed) {

        public static final Shelving DEFAULT = new Shelving(true, 5, Duration.ofMinutes(10), Duration.ofMinutes(30),
                false);

        public Shelving {
            if (raises < 2) {
                throw new IllegalArgumentException("raises : " + raises + " (expected: >= 2)");
            }
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(shelveFor, "shelveFor");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window : " + window + " (expected: > 0)");
            }
            if (shelveFor.isNegative() || shelveFor.isZero()) {
                throw new IllegalArgumentException("shelveFor : " + shelveFor + " (expected: > 0)");
            }
        }
    }
}
