package io.minewatch.config.rules;

import java.time.Duration;
import java.util.Objects;

/**
 * What a rule compares against its thresholds: the reading's value itself, or its rate of change.
 *
 * <p>A {@link Type#RATE} signal is the change of the value over the most recent {@code window}, expressed per
 * {@code per} (e.g. mm per day over the last 6 hours): {@code (v_last - v_first) / (t_last - t_first) * per}.
 */
public record Signal(Type type, Duration window, Duration per) {

    public enum Type { VALUE, RATE }

    public static final Signal VALUE = new Signal(Type.VALUE, null, null);

    public Signal {
        Objects.requireNonNull(type, "type");
        if (type == Type.RATE) {
            if (window == null || window.isZero() || window.isNegative()) {
                throw new IllegalArgumentException("window : " + window + " (expected: > 0)");
            }
            if (per == null || per.isZero() || per.isNegative()) {
                throw new IllegalArgumentException("per : " + per + " (expected: > 0)");
            }
        } else if (window != null || per != null) {
            throw new IllegalArgumentException("window/per : set (expected: only on a rate signal)");
        }
    }

    /** The change over {@code window}, expressed per {@code per}. */
    public static Signal rate(Duration window, Duration per) {
        return new Signal(Type.RATE, window, per);
    }
}
