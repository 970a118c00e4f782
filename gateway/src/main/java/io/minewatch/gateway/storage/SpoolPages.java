package io.minewatch.gateway.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pages of the spool's SQLite file: how many bytes are in use (what the spool's bound counts; pages freed by
 * forwarding are reused before the file grows), and compaction of an emptied spool so that the disk is given back.
 * Used under the {@link Spool}'s lock, on its connection.
 */
final class SpoolPages {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolPages.class);
    /** Below this, a VACUUM is not worth the write; on an empty spool it is cheap whatever the file's size. */
    private static final long COMPACT_WHEN_FREE_BYTES = 4L << 20;

    private final Path file;
    private final Connection db;
    private final long pageSize;

    SpoolPages(Path file, Connection db) throws SQLException {
        this.file = file;
        this.db = db;
        try (Statement pragma = db.createStatement()) {
            this.pageSize = single(pragma, "PRAGMA page_size");
        }
        db.commit();
    }

    long pageSize() {
        return pageSize;
    }

    /** Bytes of the pages in use: all pages but the free ones. */
    long usedBytes() throws SQLException {
        long used;
        try (Statement pragma = db.createStatement()) {
            used = single(pragma, "PRAGMA page_count") - single(pragma, "PRAGMA freelist_count");
        }
        db.commit();
        return used * pageSize;
    }

    /** The figure is only a figure: a failure to read it must not fail the append or removal that succeeded. */
    long usedBytesOr(long fallback) {
        try {
            return usedBytes();
        } catch (SQLException e) {
            LOG.warn("Spool {}: size unknown after a write: {}", file, e.getMessage());
            return fallback;
        }
    }

    /** Gives the free pages of an emptied spool back to the disk, when there are enough to be worth it. */
    void compactWhenMostlyFree() {
        try {
            long free;
            try (Statement pragma = db.createStatement()) {
                free = single(pragma, "PRAGMA freelist_count") * pageSize;
            }
            db.commit();
            if (free < COMPACT_WHEN_FREE_BYTES) {
                return;
            }
            // VACUUM cannot run inside a transaction, and the driver keeps one open while auto-commit is off.
            db.setAutoCommit(true);
            try (Statement vacuum = db.createStatement()) {
                vacuum.execute("VACUUM");
            } finally {
                db.setAutoCommit(false);
            }
            LOG.info("Spool {} empty: compacted, {} bytes given back to the disk", file, free);
        } catch (SQLException e) {
            LOG.warn("Spool {}: compaction failed, the file keeps its size: {}", file, e.getMessage());
        }
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
