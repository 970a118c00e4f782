package io.minewatch.gateway.journal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a journal's hash chain (see {@link JournalFormat}) and names the first entry that was altered, removed or
 * inserted. Files are checked in the order given as one chain. A chain that starts past seq 1 (one file of several)
 * takes its first entry's {@code prev_hash} as given, and says so in a note.
 */
public final class JournalVerifier {

    /** How far back an inserted entry's genuine predecessor is looked for. */
    private static final int REMEMBERED = 100_000;

    private final JournalFormat format;

    public JournalVerifier(JournalFormat format) {
        this.format = format;
    }

    private record Seen(long seq, Path file, long line) {
    }

    /** Verifies the journal directory's files, checking each file's name against its first entry. */
    public VerifyReport verifyDirectory(Path directory) throws IOException {
        List<JournalSegments.Segment> segments = JournalSegments.list(directory);
        if (segments.isEmpty()) {
            throw new IOException("no journal-*.jsonl files in " + directory);
        }
        return verify(segments.stream().map(JournalSegments.Segment::file).toList(),
                segments.stream().map(JournalSegments.Segment::firstSeq).toList());
    }

    /** Verifies the files, in this order, as one chain. */
    public VerifyReport verify(List<Path> files) throws IOException {
        return verify(files, null, null);
    }

    /**
     * Verifies the files as one chain that continues from an entry already verified: the first entry must name
     * {@code anchorHash} (the last hash a regulator holds from the previous check) as its predecessor.
     */
    public VerifyReport verifyFrom(String anchorHash, List<Path> files) throws IOException {
        return verify(files, null, anchorHash);
    }

    private VerifyReport verify(List<Path> files, List<Long> namedFirstSeqs) throws IOException {
        return verify(files, namedFirstSeqs, null);
    }

    private VerifyReport verify(List<Path> files, List<Long> namedFirstSeqs, String anchorHash) throws IOException {
        Map<String, Seen> recent = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
                return size() > REMEMBERED;
            }
        };
        List<String> notes = new ArrayList<>();
        long entries = 0;
        long firstSeq = 0;
        JournalEntry previous = null;
        for (int f = 0; f < files.size(); f++) {
            Path file = files.get(f);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                long lineNumber = 0;
                boolean firstInFile = true;
                Line line;
                while ((line = readLine(in)) != null) {
                    lineNumber++;
                    if (!line.complete()) {
                        if (f == files.size() - 1) {
                            notes.add("line " + lineNumber + " of " + file + " is incomplete (" + line.bytes().length
                                    + " bytes without a line end): a write cut short by a crash, never synced; the "
                                    + "gateway cuts it off at its next start");
                            break;
                        }
                    }
                    JournalEntry entry;
                    try {
                        entry = format.parse(line.bytes());
                    } catch (MalformedEntryException e) {
                        return broken(entries, firstSeq, previous, notes, VerifyReport.Kind.UNREADABLE, file,
                                lineNumber, previous == null ? 1 : previous.seq() + 1,
                                "line " + lineNumber + " is not a journal entry: " + e.getMessage());
                    }
                    if (firstInFile && namedFirstSeqs != null && entry.seq() != namedFirstSeqs.get(f)) {
                        notes.add(file.getFileName() + " is named for entry " + namedFirstSeqs.get(f)
                                + " but starts with entry " + entry.seq());
                    }
                    firstInFile = false;
                    Optional<VerifyReport.Problem> problem = previous == null && anchorHash != null
                            ? anchored(anchorHash, entry, file, lineNumber)
                            : check(previous, entry, file, lineNumber, recent, notes);
                    if (problem.isPresent()) {
                        return new VerifyReport(entries, firstSeq, previous == null ? 0 : previous.seq(),
                                previous == null ? "" : previous.hash(), notes, problem);
                    }
                    if (previous == null) {
                        firstSeq = entry.seq();
                    }
                    entries++;
                    recent.put(entry.hash(), new Seen(entry.seq(), file, lineNumber));
                    previous = entry;
                }
            }
        }
        return new VerifyReport(entries, firstSeq, previous == null ? 0 : previous.seq(),
                previous == null ? JournalFormat.GENESIS_HASH : previous.hash(), notes, Optional.empty());
    }

    private Optional<VerifyReport.Problem> check(JournalEntry previous, JournalEntry entry, Path file, long line,
            Map<String, Seen> recent, List<String> notes) {
        String at = "entry seq " + entry.seq() + " (line " + line + " of " + file + ", event " + entry.eventId() + ")";
        if (!entry.intact()) {
            return problem(VerifyReport.Kind.ALTERED, file, line, entry.seq(),
                    at + " was altered: its hash does not match its content");
        }
        if (previous == null) {
            if (entry.seq() == 1 && !entry.prevHash().equals(JournalFormat.GENESIS_HASH)) {
                return problem(VerifyReport.Kind.ALTERED, file, line, entry.seq(),
                        at + " is the first entry but its prev_hash is not " + JournalFormat.GENESIS_HASH_TEXT);
            }
            if (entry.seq() != 1) {
                notes.add("the chain is verified from entry " + entry.seq() + "; its prev_hash " + entry.prevHash()
                        + " is taken as given (compare it with the last hash of the file before)");
            }
            return Optional.empty();
        }
        if (entry.prevHash().equals(previous.hash())) {
            if (entry.seq() != previous.seq() + 1) {
                return problem(VerifyReport.Kind.ALTERED, file, line, entry.seq(), at + " follows entry "
                        + previous.seq() + ": the chain links them but the numbering was changed");
            }
            return Optional.empty();
        }
        Seen genuine = recent.get(entry.prevHash());
        if (genuine != null) {
            long firstInserted = genuine.line() + 1;
            return problem(VerifyReport.Kind.INSERTED, genuine.file(), firstInserted, genuine.seq() + 1,
                    "entries were inserted after entry seq " + genuine.seq() + " (line " + genuine.line() + " of "
                            + genuine.file() + "): the entry at line " + firstInserted + " up to entry seq "
                            + previous.seq() + " are not in the chain; " + at + " names entry " + genuine.seq()
                            + " as its predecessor");
        }
        if (entry.seq() > previous.seq() + 1) {
            String removed = entry.seq() - 1 > previous.seq() + 1
                    ? "entries " + (previous.seq() + 1) + " to " + (entry.seq() - 1) + " were removed"
                    : "entry " + (previous.seq() + 1) + " was removed";
            return problem(VerifyReport.Kind.REMOVED, file, line, entry.seq(), removed + ": " + at
                    + " follows entry " + previous.seq() + " and names a predecessor that is not there");
        }
        if (entry.seq() == previous.seq() + 1) {
            return problem(VerifyReport.Kind.ALTERED, file, line - 1, previous.seq(), "entry seq " + previous.seq()
                    + " (line " + (line - 1) + ", event " + previous.eventId() + ") was altered and rehashed: "
                    + at + " names another predecessor");
        }
        return problem(VerifyReport.Kind.INSERTED, file, line, entry.seq(), at + " repeats or goes back from seq "
                + previous.seq() + " and names a predecessor that is not there");
    }

    private static Optional<VerifyReport.Problem> anchored(String anchorHash, JournalEntry entry, Path file,
            long line) {
        if (!entry.intact()) {
            return problem(VerifyReport.Kind.ALTERED, file, line, entry.seq(), "entry seq " + entry.seq() + " (line "
                    + line + " of " + file + ", event " + entry.eventId() + ") was altered: its hash does not match "
                    + "its content");
        }
        if (!entry.prevHash().equals(anchorHash)) {
            return problem(VerifyReport.Kind.REMOVED, file, line, entry.seq(), "entry seq " + entry.seq() + " (line "
                    + line + " of " + file + ") does not follow the anchor " + anchorHash + ": entries between "
                    + "were removed, or the anchor is not this journal's");
        }
        return Optional.empty();
    }

    private static Optional<VerifyReport.Problem> problem(VerifyReport.Kind kind, Path file, long line, long seq,
            String message) {
        return Optional.of(new VerifyReport.Problem(kind, file, line, seq, message));
    }

    private static VerifyReport broken(long entries, long firstSeq, JournalEntry previous, List<String> notes,
            VerifyReport.Kind kind, Path file, long line, long seq, String message) {
        return new VerifyReport(entries, firstSeq, previous == null ? 0 : previous.seq(),
                previous == null ? "" : previous.hash(), notes,
                Optional.of(new VerifyReport.Problem(kind, file, line, seq, message)));
    }

    private record Line(byte[] bytes, boolean complete) {
    }

    private static Line readLine(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return new Line(bytes.toByteArray(), true);
            }
            bytes.write(b);
        }
        return bytes.size() == 0 ? null : new Line(bytes.toByteArray(), false);
    }
}
