package io.minewatch.config.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A threshold rule: a signal, the dangerous direction, and one or more levels ordered by severity.
 *
 * <p>One alarm per sensor and rule exists at a time; it moves between the rule's levels. A level is raised only after
 * its entry condition has held for {@code minDuration} (zero: at once). Invariants checked here: levels have distinct
 * warning levels, their entry thresholds do not get safer as severity rises, and each exit threshold lies on the safe
 * side of (or at) its entry threshold.
 */
public record Rule(String id, Signal signal, Direction direction, List<LevelThreshold> levels, Duration minDuration) {

    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(levels, "levels");
        minDuration = minDuration == null ? Duration.ZERO : minDuration;
        if (id.isBlank()) {
            throw new IllegalArgumentException("id : '' (expected: a non-blank rule id)");
        }
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("levels : [] (expected: at least one level)");
        }
        if (minDuration.isNegative()) {
            throw new IllegalArgumentException("minDuration : " + minDuration + " (expected: >= 0)");
        }
        List<LevelThreshold> sorted = new ArrayList<>(levels);
        sorted.sort(Comparator.comparingInt(l -> l.level().severity()));
        for (int i = 0; i < sorted.size(); i++) {
            LevelThreshold level = sorted.get(i);
            if (direction == Direction.ABOVE && level.exit() > level.enter()
                    || direction == Direction.BELOW && level.exit() < level.enter()) {
                throw new IllegalArgumentException("rule " + id + " level " + level.name() + " exit : " + level.exit()
                        + " (expected: " + (direction == Direction.ABOVE ? "<= " : ">= ") + level.enter()
                        + ", the entry threshold, for a rule firing " + direction.name().toLowerCase() + ")");
            }
            if (i > 0) {
                LevelThreshold lower = sorted.get(i - 1);
                if (lower.level() == level.level()) {
                    throw new IllegalArgumentException("rule " + id + " level : " + level.level().id()
                            + " twice (expected: each warning level at most once)");
                }
                boolean safer = direction == Direction.ABOVE ? level.enter() < lower.enter()
                        : level.enter() > lower.enter();
                if (safer) {
                    throw new IllegalArgumentException("rule " + id + " level " + level.name() + " enter : "
                            + level.enter() + " (expected: " + (direction == Direction.ABOVE ? ">= " : "<= ")
                            + lower.enter() + ", the entry of the less severe level " + lower.name() + ")");
                }
            }
        }
        levels = List.copyOf(sorted);
    }

    /** Levels ordered from least to most severe. */
    @Override
    public List<LevelThreshold> levels() {
        return levels;
    }
}
