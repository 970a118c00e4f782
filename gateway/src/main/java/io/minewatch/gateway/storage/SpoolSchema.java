package io.minewatch.gateway.storage;

/**
 * The SQL of {@link Spool}. An entry is a row whose id orders the queue ({@code AUTOINCREMENT}: an id is never used
 * twice, even after the queue emptied, so "everything up to id N" always means what was peeked). The body is the
 * entry's points as {@link SpoolCodec} encodes them; {@code points} counts them, so that sizes are known without
 * decoding.
 */
final class SpoolSchema {

    static final String[] CREATE = {
        """
        CREATE TABLE IF NOT EXISTS entries (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            appended_at INTEGER NOT NULL,
            points      INTEGER NOT NULL,
            body        BLOB    NOT NULL
        )""",
        """
        CREATE TABLE IF NOT EXISTS unreadable (
            id           INTEGER PRIMARY KEY,
            appended_at  INTEGER NOT NULL,
            points       INTEGER NOT NULL,
            body         BLOB    NOT NULL,
            reason       TEXT    NOT NULL,
            set_aside_at INTEGER NOT NULL
        )""",
    };

    static final String INSERT = "INSERT INTO entries (appended_at, points, body) VALUES (?, ?, ?)";

    static final String TOTALS = "SELECT count(*), coalesce(sum(points), 0) FROM entries";

    static final String OLDEST = "SELECT appended_at FROM entries ORDER BY id LIMIT 1";

    static final String PEEK = "SELECT id, appended_at, points, body FROM entries ORDER BY id LIMIT ?";

    static final String SUM_THROUGH = "SELECT count(*), coalesce(sum(points), 0) FROM entries WHERE id <= ?";

    static final String DELETE_THROUGH = "DELETE FROM entries WHERE id <= ?";

    static final String POINTS_OF = "SELECT points FROM entries WHERE id = ?";

    static final String SET_ASIDE = """
            INSERT OR REPLACE INTO unreadable (id, appended_at, points, body, reason, set_aside_at)
            SELECT id, appended_at, points, body, ?, ? FROM entries WHERE id = ?""";

    static final String DELETE_ONE = "DELETE FROM entries WHERE id = ?";

    private SpoolSchema() {
    }
}
