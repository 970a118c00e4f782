package io.minewatch.config.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a control-room user may do. The gateway maps each role to its permissions; the names are the configuration
 * words ({@code users[].role}).
 *
 * <ul>
 *   <li>{@link #OPERATOR}: watches live values and alarms, acknowledges alarms;</li>
 *   <li>{@link #ENGINEER}: as an operator, and also history, export and replay;</li>
 *   <li>{@link #REGULATOR}: reads alarms (with who acknowledged them) and journals, changes nothing;</li>
 *   <li>{@link #ADMIN}: everything, including configuration and maintenance mode.</li>
 * </ul>
 */
public enum Role {
    OPERATOR, ENGINEER, REGULATOR, ADMIN;

    /** The configuration word, e.g. {@code operator}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id().equals(id)).findFirst();
    }

    /** The words, for messages: {@code operator|engineer|regulator|admin}. */
    public static String ids() {
        return Arrays.stream(values()).map(Role::id).collect(Collectors.joining("|"));
    }
}
