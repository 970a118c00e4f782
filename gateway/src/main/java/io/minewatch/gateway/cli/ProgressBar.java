package io.minewatch.gateway.cli;

import java.io.PrintStream;
import java.time.Clock;

/** A one-line progress bar on a terminal's stderr, redrawn at most every {@link #REDRAW_MILLIS}. */
final class ProgressBar {

    static final long REDRAW_MILLIS = 200;
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final Clock clock;
    private final String label;
    private long drawnAt = Long.MIN_VALUE;
    private long count;

    ProgressBar(PrintStream err, Clock clock, String label) {
        this.err = err;
        this.clock = clock;
        this.label = label;
    }

    /** One more item written; {@code fraction} of the whole is done. */
    void step(double fraction) {
        count++;
        long now = clock.millis();
        if (now - drawnAt >= REDRAW_MILLIS) {
            drawnAt = now;
            draw(fraction);
        }
    }

    void done() {
        draw(1.0);
        err.println();
    }

    private void draw(double fraction) {
        double clamped = Math.max(0, Math.min(1, fraction));
        int filled = (int) Math.round(clamped * WIDTH);
        err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                + String.format("%3d%%", Math.round(clamped * 100)) + "  " + count + " points");
        err.flush();
    }
}
