package io.minewatch.gateway.auth;

import io.minewatch.config.access.Role;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a route or the live stream needs. Routes are registered with one permission; each role holds a fixed set,
 * so a new route is authorized by naming what it does, not by listing roles.
 */
public enum Permission {
    /** The caller's own session: who am I, log out. */
    SESSION(Role.OPERATOR, Role.ENGINEER, Role.REGULATOR, Role.ADMIN),
    /** Sites, sensors and their live values (API and WebSocket readings). */
    VIEW_LIVE(Role.OPERATOR, Role.ENGINEER, Role.ADMIN),
    /** The alarm list and history, with who acknowledged what. */
    VIEW_ALARMS(Role.OPERATOR, Role.ENGINEER, Role.REGULATOR, Role.ADMIN),
    /** Acknowledging an alarm. */
    ACKNOWLEDGE(Role.OPERATOR, Role.ENGINEER, Role.ADMIN),
    /** Stored history, CSV export and replay. */
    HISTORY(Role.ENGINEER, Role.ADMIN),
    /** Journals: the uplink's and the alarm record's audit trails. */
    JOURNALS(Role.REGULATOR, Role.ADMIN),
    /** Configuration and sensor maintenance mode. */
    CONFIGURE(Role.ADMIN),
    /** {@code /metrics} from a host other than the gateway's own. */
    METRICS(Role.ADMIN);

    private final Set<Role> roles;

    Permission(Role first, Role... rest) {
        this.roles = EnumSet.of(first, rest);
    }

    public boolean grantedTo(Role role) {
        return roles.contains(role);
    }
}
