package io.minewatch.gateway.pond;

import io.minewatch.config.rules.Level;
import java.util.Collection;

/**
 * The escalation table of DOMAIN.md §2 lines 47-50 (GB 39496-2020-style §5.5.4): 4 blue points on one item make the
 * item yellow, 3 yellow points make it orange, 2 orange points make it red; 4 blue items count as one yellow item,
 * "the clause continues in the same pattern". The same table combines points into an item and items into the pond.
 *
 * <p>Counting is chained, as "count as one yellow item" reads: every 4 blue count as one yellow, every 3 yellow (own
 * or so counted) as one orange, every 2 orange as one red. So 2 yellow and 4 blue make orange, and 12 blue make orange
 * too. The combined level is never below the most severe single level.
 */
public final class PondCombination {

    /** How many of a level make one of the next: blue → yellow 4, yellow → orange 3, orange → red 2. */
    static final int BLUE_PER_YELLOW = 4;
    static final int YELLOW_PER_ORANGE = 3;
    static final int ORANGE_PER_RED = 2;

    private PondCombination() {
    }

    /** The combined level of {@code levels} (nulls ignored), null when there is none. */
    public static Level combine(Collection<Level> levels) {
        int blue = 0;
        int yellow = 0;
        int orange = 0;
        int red = 0;
        for (Level level : levels) {
            if (level == null) {
                continue;
            }
            switch (level) {
                case BLUE -> blue++;
                case YELLOW -> yellow++;
                case ORANGE -> orange++;
                case RED -> red++;
            }
        }
        int yellowCount = yellow + blue / BLUE_PER_YELLOW;
        int orangeCount = orange + yellowCount / YELLOW_PER_ORANGE;
        int redCount = red + orangeCount / ORANGE_PER_RED;
        if (redCount > 0) {
            return Level.RED;
        }
        if (orangeCount > 0) {
            return Level.ORANGE;
        }
        if (yellowCount > 0) {
            return Level.YELLOW;
        }
        return blue > 0 ? Level.BLUE : null;
    }

    /** How many of the level below make one of {@code level} (1 for blue). */
    static int needed(Level level) {
        return switch (level) {
            case BLUE -> 1;
            case YELLOW -> BLUE_PER_YELLOW;
            case ORANGE -> YELLOW_PER_ORANGE;
            case RED -> ORANGE_PER_RED;
        };
    }
}
