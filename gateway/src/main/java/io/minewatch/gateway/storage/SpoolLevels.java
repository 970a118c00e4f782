package io.minewatch.gateway.storage;

import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the spool's {@link SpoolLevel} and tells the listener of each change. With hysteresis, so that a spool
 * hovering at the mark does not flap: the level rises at the high-water mark and falls only below the restore mark,
 * ten points of the bound lower. {@link SpoolLevel#FULL} starts at a refused batch and ends when a batch is taken
 * again or forwarding brings the spool back under the high-water mark.
 */
final class SpoolLevels {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolLevels.class);

    private final Path file;
    private final long maxBytes;
    private final long highWaterBytes;
    private final long restoreBytes;
    private final SpoolAlarmListener listener;
    private volatile SpoolLevel level = SpoolLevel.NORMAL;

    SpoolLevels(Path file, long maxBytes, long highWaterBytes, SpoolAlarmListener listener) {
        this.file = file;
        this.listener = Objects.requireNonNull(listener, "listener");
        if (highWaterBytes <= 0 || highWaterBytes >= maxBytes) {
            throw new IllegalArgumentException("highWaterBytes : " + highWaterBytes + " (expected: 1.." + (maxBytes - 1)
                    + ")");
        }
        this.maxBytes = maxBytes;
        this.highWaterBytes = highWaterBytes;
        this.restoreBytes = Math.max(0, highWaterBytes - maxBytes / 10);
    }

    SpoolLevel level() {
        return level;
    }

    /** After the spool took a batch. */
    synchronized void taken(long bytes) {
        change(byFill(level == SpoolLevel.FULL ? SpoolLevel.HIGH_WATER : level, bytes), bytes);
    }

    /** After forwarding removed entries (or at start, to report a backlog found on disk). */
    synchronized void removed(long bytes) {
        if (level == SpoolLevel.FULL && bytes >= highWaterBytes) {
            return;
        }
        change(byFill(level == SpoolLevel.FULL ? SpoolLevel.HIGH_WATER : level, bytes), bytes);
    }

    /** After the spool refused a batch for lack of room. */
    synchronized void refused(long bytes) {
        change(SpoolLevel.FULL, bytes);
    }

    private SpoolLevel byFill(SpoolLevel from, long bytes) {
        if (from == SpoolLevel.NORMAL) {
            return bytes >= highWaterBytes ? SpoolLevel.HIGH_WATER : SpoolLevel.NORMAL;
        }
        return bytes < restoreBytes ? SpoolLevel.NORMAL : SpoolLevel.HIGH_WATER;
    }

    private void change(SpoolLevel next, long bytes) {
        SpoolLevel previous = level;
        if (next == previous) {
            return;
        }
        level = next;
        switch (next) {
            case FULL -> LOG.error("Spool {} full ({} of {} bytes) while InfluxDB is unavailable: readings are no"
                    + " longer acknowledged, intake waits and the broker holds them", file, bytes, maxBytes);
            case HIGH_WATER -> LOG.warn("Spool {} at {} of {} bytes, above its high-water mark of {}{}", file, bytes,
                    maxBytes, highWaterBytes, previous == SpoolLevel.FULL ? "; taking readings again" : "");
            case NORMAL -> LOG.info("Spool {} back to {} of {} bytes, below {}", file, bytes, maxBytes,
                    restoreBytes);
        }
        try {
            listener.spoolLevelChanged(previous, next, bytes, maxBytes);
        } catch (RuntimeException e) {
            LOG.error("Spool {}: the alarm listener failed on {} -> {}", file, previous, next, e);
        }
    }
}
