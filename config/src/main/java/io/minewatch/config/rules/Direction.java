package io.minewatch.config.rules;

/**
 * Which side of a threshold is dangerous.
 *
 * <ul>
 *   <li>{@link #ABOVE}: a level is entered when {@code value >= enter} and restored when {@code value < exit}
 *       (CH4 alarm at ≥ 1.0 %, restored below 1.0 %).</li>
 *   <li>{@link #BELOW}: a level is entered when {@code value < enter} and restored when {@code value >= exit}
 *       (O2 must stay ≥ 20 %; a phreatic line's burial depth must stay at or above its minimum).</li>
 * </ul>
 */
public enum Direction {
    ABOVE, BELOW;

    /** True when {@code value} enters a level whose entry threshold is {@code enter}. */
    public boolean enters(double value, double enter) {
        return this == ABOVE ? value >= enter : value < enter;
    }

    /** True when {@code value} restores (leaves) a level whose exit threshold is {@code exit}. */
    public boolean restores(double value, double exit) {
        return this == ABOVE ? value < exit : value >= exit;
    }
}
