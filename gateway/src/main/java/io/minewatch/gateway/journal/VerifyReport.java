package io.minewatch.gateway.journal;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link JournalVerifier} found.
 *
 * @param entries  entries read up to the first problem (all of them when there is none)
 * @param firstSeq seq of the first entry (0 when there is none)
 * @param lastSeq  seq of the last intact entry in the chain
 * @param lastHash hash of that entry: what a regulator keeps to check the next delivery against
 * @param notes    facts worth knowing that are not tampering (an interrupted last write, a chain verified from the
 *                 middle)
 * @param problem  the first break of the chain, if any
 */
public record VerifyReport(long entries, long firstSeq, long lastSeq, String lastHash, List<String> notes,
        Optional<Problem> problem) {

    public VerifyReport {
        notes = List.copyOf(notes);
        Objects.requireNonNull(problem, "problem");
    }

    public boolean intact() {
        return problem.isEmpty();
    }

    /** How the chain broke. */
    public enum Kind {
        /** An entry's content does not match its hash, or it was rewritten with a new hash. */
        ALTERED,
        /** Entries are missing: a seq gap and a prev_hash naming none of the entries read. */
        REMOVED,
        /** Entries not in the original chain: the entry after them names an earlier predecessor. */
        INSERTED,
        /** A line that is no entry at all. */
        UNREADABLE
    }

    /**
     * The first break: {@code line} (1-based) of {@code file} holds the first entry not in the original chain (for
     * REMOVED, the entry right after the gap).
     */
    public record Problem(Kind kind, Path file, long line, long seq, String message) {
    }
}
