package io.minewatch.gateway.replay;

/**
 * How fast a replay runs: {@code factor} times real time (1 to 1000), or as fast as the reader takes it
 * ({@link #MAX}).
 */
public record Speed(double factor) {

    public static final Speed MAX = new Speed(Double.POSITIVE_INFINITY);
    public static final double MAX_FACTOR = 1_000;

    public Speed {
        if (!(factor >= 1 && factor <= MAX_FACTOR) && factor != Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("speed : " + factor + " (expected: 1..1000, or max)");
        }
    }

    /** {@code 100}, {@code 100x} or {@code max}; null is {@link #MAX}. */
    public static Speed parse(String text) {
        if (text == null || text.equalsIgnoreCase("max")) {
            return MAX;
        }
        String number = text.endsWith("x") || text.endsWith("X") ? text.substring(0, text.length() - 1) : text;
        try {
            return new Speed(Double.parseDouble(number));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("speed : " + text + " (expected: 1..1000, or max)");
        }
    }

    public boolean isMax() {
        return factor == Double.POSITIVE_INFINITY;
    }

    @Override
    public String toString() {
        return isMax() ? "max" : (factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor))
                + "x";
    }
}
