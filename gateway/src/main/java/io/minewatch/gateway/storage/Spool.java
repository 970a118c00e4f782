package io.minewatch.gateway.storage;

import io.minewatch.collectors.Reading;
import io.minewatch.gateway.alarms.AlarmEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteException;

/**
 * A durable first-in first-out queue of readings and alarm events in SQLite, {@code <directory>/spool.db}: where
 * {@link StoreAndForward} keeps what InfluxDB could not take, in the order it came, until it can be forwarded.
 *
 * <p><b>Durability.</b> WAL mode with {@code synchronous=FULL}: {@link #append} returns once its transaction is
 * committed and the write-ahead log synced, so an appended batch survives a crash of the process, of the kernel, or a
 * power loss. A batch is one transaction however many points it holds: one sync for thousands of readings. It is
 * stored as entries of at most {@value #ENTRY_POINTS} points, compactly encoded ({@link SpoolCodec}).
 *
 * <p><b>Order.</b> {@link #peek} returns the oldest entries in the order they were appended (and so each sensor's
 * readings in the order the pipeline handed them over); {@link #removeThrough} drops them once forwarded. A crash
 * between the forward and the removal forwards them again, which the stores' idempotent writes make harmless. Peeking
 * reads only the entries it returns: a backlog of millions of points is never loaded at once.
 *
 * <p><b>Bound.</b> {@link #bytes()} is the size of the database pages in use; an append that would take it past
 * {@code maxBytes}, or that finds the disk full, throws {@link SpoolFullException} and stores nothing. Pages freed by
 * forwarding are reused, so the file does not grow past the bound (plus the write-ahead log, a few MiB); once the
 * spool is empty the file is compacted.
 *
 * <p><b>Threads.</b> Operations are serialised on this object; the figures ({@link #points()}, {@link #bytes()},
 * {@link #oldestAppendedAtMillis()}) are read without waiting for them. The file is locked for this process: a second
 * gateway on the same directory fails to open it instead of forwarding the same backlog twice.
 */
public final class Spool implements AutoCloseable {

    public static final String FILE_NAME = "spool.db";
    /** Points per entry: the grain of peeking and forwarding. */
    static final int ENTRY_POINTS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
    private static final int BUSY_TIMEOUT_MILLIS = 2_000;
    private static final int SQLITE_FULL = 13;

    private final Path file;
    private final long maxBytes;
    private final Clock clock;
    private final Connection db;
    private final PreparedStatement insert;
    private final PreparedStatement oldest;
    private final PreparedStatement sumThrough;
    private final PreparedStatement deleteThrough;
    private final SpoolPages pages;

    private volatile long points;
    private volatile long entries;
    private volatile long bytes;
    private volatile long oldestAppendedAtMillis = -1;
    private boolean closed;

    private Spool(Path file, long maxBytes, Clock clock) throws SQLException {
        this.file = file;
        this.maxBytes = maxBytes;
        this.clock = clock;
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setLockingMode(SQLiteConfig.LockingMode.EXCLUSIVE);
        config.setJournalSizeLimit(8 << 20);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        this.db = config.createConnection("jdbc:sqlite:" + file);
        try {
            try (Statement ddl = db.createStatement()) {
                for (String statement : SpoolSchema.CREATE) {
                    ddl.execute(statement);
                }
            }
            db.setAutoCommit(false);
            this.insert = db.prepareStatement(SpoolSchema.INSERT);
            this.oldest = db.prepareStatement(SpoolSchema.OLDEST);
            this.sumThrough = db.prepareStatement(SpoolSchema.SUM_THROUGH);
            this.deleteThrough = db.prepareStatement(SpoolSchema.DELETE_THROUGH);
            try (Statement totals = db.createStatement();
                    ResultSet row = totals.executeQuery(SpoolSchema.TOTALS)) {
                row.next();
                this.entries = row.getLong(1);
                this.points = row.getLong(2);
            }
            refreshOldest();
            this.pages = new SpoolPages(file, db);
            this.bytes = pages.usedBytes();
        } catch (SQLException e) {
            db.close();
            throw e;
        }
    }

    /**
     * Opens (creating when missing) {@code directory/spool.db}, with what it held when last closed or killed.
     *
     * @param maxBytes most bytes of database pages the spool may hold
     * @throws StoreUnavailableException when the file cannot be opened, or another process has it open
     */
    public static Spool open(Path directory, long maxBytes, Clock clock) throws StoreUnavailableException {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(clock, "clock");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes : " + maxBytes + " (expected: > 0)");
        }
        Path file = directory.resolve(FILE_NAME);
        Spool spool;
        try {
            Files.createDirectories(directory);
            spool = new Spool(file, maxBytes, clock);
        } catch (IOException | SQLException e) {
            throw new StoreUnavailableException("spool " + file + " cannot be opened (is another gateway using "
                    + directory + "?): " + e.getMessage(), e);
        }
        spool.logOpened(directory);
        return spool;
    }

    private void logOpened(Path directory) {
        if (points > 0) {
            LOG.info("Spool {} open with {} points waiting to be forwarded since {} ({} bytes)", file, points,
                    java.time.Instant.ofEpochMilli(oldestAppendedAtMillis), bytes);
        } else {
            LOG.info("Spool {} open, empty, bounded to {} bytes", file, maxBytes);
        }
        try {
            long usable = Files.getFileStore(directory).getUsableSpace();
            if (usable < maxBytes - bytes) {
                LOG.warn("Spool {}: only {} bytes free on its disk, less than its bound of {} bytes; the disk may"
                        + " fill before the spool does", file, usable, maxBytes);
            }
        } catch (IOException e) {
            LOG.debug("Spool {}: free disk space unknown: {}", file, e.getMessage());
        }
    }

    /**
     * Appends a batch as one transaction, durable when this returns.
     *
     * @throws SpoolFullException        when the batch does not fit under the bound, or the disk is full
     * @throws StoreUnavailableException when the file cannot be written (or the spool is closed)
     */
    public synchronized void append(List<Reading> readings, List<AlarmEvent> events)
            throws StoreUnavailableException {
        requireOpen();
        PointChunk all = new PointChunk(readings, events);
        if (all.size() == 0) {
            return;
        }
        List<byte[]> bodies = new ArrayList<>(all.size() / ENTRY_POINTS + 1);
        long estimate = 0;
        for (int from = 0; from < all.size(); from += ENTRY_POINTS) {
            PointChunk slice = all.slice(from, Math.min(all.size(), from + ENTRY_POINTS));
            byte[] body = SpoolCodec.encode(slice.readings(), slice.events());
            bodies.add(body);
            estimate += body.length + pages.pageSize();
        }
        if (bytes + estimate > maxBytes) {
            throw new SpoolFullException("spool " + file + " is full: " + bytes + " of " + maxBytes
                    + " bytes in use, a batch of " + all.size() + " points needs about " + estimate + " more", null);
        }
        long now = clock.millis();
        try {
            for (int i = 0; i < bodies.size(); i++) {
                insert.setLong(1, now);
                insert.setInt(2, Math.min(ENTRY_POINTS, all.size() - i * ENTRY_POINTS));
                insert.setBytes(3, bodies.get(i));
                insert.addBatch();
            }
            insert.executeBatch();
            db.commit();
        } catch (SQLException e) {
            rollback();
            if (primaryCode(e) == SQLITE_FULL) {
                throw new SpoolFullException("spool " + file + ": the disk is full: " + e.getMessage(), e);
            }
            throw new StoreUnavailableException("spool " + file + " did not take a batch of " + all.size()
                    + " points: " + e.getMessage(), e);
        }
        if (oldestAppendedAtMillis < 0) {
            oldestAppendedAtMillis = now;
        }
        entries += bodies.size();
        points += all.size();
        bytes = pages.usedBytesOr(bytes + estimate);
    }

    /**
     * The oldest entries, in the order they were appended, holding at most {@code maxPoints} points together, except
     * that the oldest entry is returned whatever its size. Empty when the spool is.
     *
     * @throws UnreadableSpoolEntryException when the oldest entry cannot be decoded (entries before an unreadable one
     *                                       are returned first, without it)
     */
    public synchronized List<SpoolEntry> peek(int maxPoints)
            throws StoreUnavailableException, UnreadableSpoolEntryException {
        requireOpen();
        if (maxPoints <= 0) {
            throw new IllegalArgumentException("maxPoints : " + maxPoints + " (expected: > 0)");
        }
        List<SpoolEntry> peeked = new ArrayList<>();
        UnreadableSpoolEntryException unreadable = null;
        try (PreparedStatement query = db.prepareStatement(SpoolSchema.PEEK)) {
            query.setInt(1, maxPoints);
            long total = 0;
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    int count = rows.getInt(3);
                    if (!peeked.isEmpty() && total + count > maxPoints) {
                        break;
                    }
                    long id = rows.getLong(1);
                    try {
                        SpoolCodec.Decoded decoded = SpoolCodec.decode(rows.getBytes(4));
                        if (decoded.readings().size() + decoded.events().size() != count) {
                            throw new SpoolCodec.UnreadableException("holds " + (decoded.readings().size()
                                    + decoded.events().size()) + " points instead of " + count, null);
                        }
                        peeked.add(new SpoolEntry(id, rows.getLong(2), decoded.readings(), decoded.events()));
                        total += count;
                    } catch (SpoolCodec.UnreadableException e) {
                        if (peeked.isEmpty()) {
                            unreadable = new UnreadableSpoolEntryException(id, count, e.getMessage(), e);
                        }
                        break;
                    }
                }
            }
            db.commit();
        } catch (SQLException e) {
            rollback();
            throw new StoreUnavailableException("spool " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (unreadable != null) {
            throw unreadable;
        }
        return peeked;
    }

    /** Drops every entry up to and including {@code entryId}: they have been forwarded. */
    public synchronized void removeThrough(long entryId) throws StoreUnavailableException {
        requireOpen();
        try {
            sumThrough.setLong(1, entryId);
            long removedEntries;
            long removedPoints;
            try (ResultSet row = sumThrough.executeQuery()) {
                row.next();
                removedEntries = row.getLong(1);
                removedPoints = row.getLong(2);
            }
            deleteThrough.setLong(1, entryId);
            deleteThrough.executeUpdate();
            db.commit();
            entries -= removedEntries;
            points -= removedPoints;
            refreshOldest();
        } catch (SQLException e) {
            rollback();
            throw new StoreUnavailableException("spool " + file + " did not drop entries through " + entryId + ": "
                    + e.getMessage(), e);
        }
        if (entries == 0) {
            pages.compactWhenMostlyFree();
        }
        bytes = pages.usedBytesOr(bytes);
    }

    /**
     * Moves an unreadable entry out of the queue into the table {@code unreadable} of the same file, with the
     * reason, so that the entries behind it can be forwarded and the bytes stay for a person to look at.
     */
    public synchronized void setAside(long entryId, String reason) throws StoreUnavailableException {
        requireOpen();
        try (PreparedStatement copy = db.prepareStatement(SpoolSchema.SET_ASIDE);
                PreparedStatement count = db.prepareStatement(SpoolSchema.POINTS_OF);
                PreparedStatement delete = db.prepareStatement(SpoolSchema.DELETE_ONE)) {
            count.setLong(1, entryId);
            long removedPoints;
            try (ResultSet row = count.executeQuery()) {
                if (!row.next()) {
                    db.commit();
                    return;
                }
                removedPoints = row.getLong(1);
            }
            copy.setString(1, reason);
            copy.setLong(2, clock.millis());
            copy.setLong(3, entryId);
            copy.executeUpdate();
            delete.setLong(1, entryId);
            delete.executeUpdate();
            db.commit();
            entries -= 1;
            points -= removedPoints;
            refreshOldest();
        } catch (SQLException e) {
            rollback();
            throw new StoreUnavailableException("spool " + file + " did not set entry " + entryId + " aside: "
                    + e.getMessage(), e);
        }
        bytes = pages.usedBytesOr(bytes);
    }

    /** Points waiting (readings and alarm events). */
    public long points() {
        return points;
    }

    public boolean isEmpty() {
        return points == 0;
    }

    /** Entries waiting. */
    public long entries() {
        return entries;
    }

    /** Bytes of database pages in use (the entries, the set-aside ones and SQLite's own pages). */
    public long bytes() {
        return bytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** When the oldest waiting entry was appended, or -1 when the spool is empty. */
    public long oldestAppendedAtMillis() {
        return oldestAppendedAtMillis;
    }

    public Path file() {
        return file;
    }

    /** The value of a PRAGMA on the spool's own connection, for tests of its durability settings. */
    synchronized String pragma(String name) throws SQLException {
        String value;
        try (Statement pragma = db.createStatement(); ResultSet row = pragma.executeQuery("PRAGMA " + name)) {
            row.next();
            value = row.getString(1);
        }
        db.commit();
        return value;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (db; insert; oldest; sumThrough; deleteThrough) {
            db.commit();
            LOG.info("Spool {} closed with {} points waiting", file, points);
        } catch (SQLException e) {
            LOG.warn("Spool {} did not close cleanly: {}", file, e.getMessage());
        }
    }

    private void requireOpen() throws StoreUnavailableException {
        if (closed) {
            throw new StoreUnavailableException("spool " + file + " is closed", null);
        }
    }

    private void refreshOldest() throws SQLException {
        try (ResultSet row = oldest.executeQuery()) {
            oldestAppendedAtMillis = row.next() ? row.getLong(1) : -1;
        }
        db.commit();
    }

    private void rollback() {
        try {
            db.rollback();
            insert.clearBatch();
        } catch (SQLException e) {
            LOG.warn("Spool {}: rollback failed: {}", file, e.getMessage());
        }
    }

    private static int primaryCode(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLiteException sqlite) {
                return sqlite.getResultCode().code & 0xff;
            }
        }
        return e.getErrorCode() & 0xff;
    }
}
