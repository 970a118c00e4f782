package io.minewatch.config.rules;

import java.util.Objects;

/**
 * One level of a rule: its name (e.g. {@code alarm}, {@code power_cut}), its warning level, the threshold that enters
 * it and the threshold that restores it. The exit threshold gives hysteresis: for {@link Direction#ABOVE} it lies at
 * or below {@code enter}, for {@link Direction#BELOW} at or above.
 */
public record LevelThreshold(String name, Level level, double enter, double exit) {

    public LevelThreshold {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(level, "level");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name : '' (expected: a non-blank level name such as alarm)");
        }
        if (!Double.isFinite(enter)) {
            throw new IllegalArgumentException("enter : " + enter + " (expected: a finite number)");
        }
        if (!Double.isFinite(exit)) {
            throw new IllegalArgumentException("exit : " + exit + " (expected: a finite number)");
        }
    }

    /** A level without hysteresis: it is restored as soon as the value is back on the safe side of {@code enter}. */
    public static LevelThreshold of(String name, Level level, double enter) {
        return new LevelThreshold(name, level, enter, enter);
    }
}
