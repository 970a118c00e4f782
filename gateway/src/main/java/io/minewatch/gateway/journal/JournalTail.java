package io.minewatch.gateway.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the journal continues after a start: the last complete entry of the last file. A final line without its
 * newline is what a process killed in the middle of a write leaves behind; it was never synced, so no acknowledged
 * message depends on it, and it is cut off. Nothing before it is ever changed: a damaged complete entry stops the
 * start instead, for a person to look at.
 */
final class JournalTail {

    /** Entries are a few hundred bytes; a line longer than this at the end of a file is damage, not an entry. */
    static final int MAX_LINE_BYTES = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(JournalTail.class);

    /**
     * @param file     the file to continue writing in
     * @param lastSeq  seq of the last entry (0 for an empty journal)
     * @param lastHash hash of the last entry ({@link JournalFormat#GENESIS_HASH} for an empty journal)
     */
    record Tail(Path file, long lastSeq, String lastHash) {
    }

    private JournalTail() {
    }

    static Tail recover(Path directory, JournalFormat format) throws IOException, JournalException {
        Files.createDirectories(directory);
        List<JournalSegments.Segment> segments = JournalSegments.list(directory);
        if (segments.isEmpty()) {
            return new Tail(directory.resolve(JournalSegments.fileName(1)), 0, JournalFormat.GENESIS_HASH);
        }
        JournalSegments.Segment last = segments.get(segments.size() - 1);
        cutIncompleteLine(last.file());
        for (int i = segments.size() - 1; i >= 0; i--) {
            JournalSegments.Segment segment = segments.get(i);
            byte[] line = lastLine(segment.file());
            if (line != null) {
                JournalEntry entry = entry(segment.file(), line, format);
                return new Tail(last.file(), entry.seq(), entry.hash());
            }
            if (segment.firstSeq() == 1) {
                return new Tail(last.file(), 0, JournalFormat.GENESIS_HASH);
            }
        }
        throw new JournalException("journal " + directory + " : its files start at seq " + segments.get(0).firstSeq()
                + " and hold no entry (expected: the file holding the last entry, to continue its chain)", null);
    }

    private static JournalEntry entry(Path file, byte[] line, JournalFormat format) throws JournalException {
        try {
            JournalEntry entry = format.parse(line);
            if (!entry.intact()) {
                throw new MalformedEntryException("its hash does not match its content");
            }
            return entry;
        } catch (MalformedEntryException e) {
            throw new JournalException("journal " + file + " : last entry damaged, " + e.getMessage()
                    + " (expected: an intact entry to continue the chain from; keep a copy of the file and run "
                    + "'minewatch journal verify' on it)", e);
        }
    }

    /** Truncates bytes after the last newline: the remains of a write cut short. */
    static void cutIncompleteLine(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long keep = lastNewline(channel, size) + 1;
            if (keep < size) {
                LOG.warn("Journal {}: cutting off {} bytes of an entry whose write was interrupted (never synced, "
                        + "never acknowledged)", file, size - keep);
                channel.truncate(keep);
                channel.force(true);
            }
        }
    }

    /** The last line of the file without its newline, or null for an empty file. */
    private static byte[] lastLine(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                return null;
            }
            long end = size - 1;
            long start = lastNewline(channel, end) + 1;
            ByteBuffer buffer = ByteBuffer.allocate((int) (end - start));
            channel.read(buffer, start);
            return Arrays.copyOf(buffer.array(), buffer.position());
        }
    }

    /**
     * Position of the last '\n' before {@code end}, -1 if the file has none before it.
     *
     * @throws IOException when there is none within {@link #MAX_LINE_BYTES}: damage, never cut off
     */
    private static long lastNewline(FileChannel channel, long end) throws IOException {
        long from = Math.max(0, end - MAX_LINE_BYTES);
        ByteBuffer buffer = ByteBuffer.allocate((int) (end - from));
        channel.read(buffer, from);
        for (int i = buffer.position() - 1; i >= 0; i--) {
            if (buffer.get(i) == '\n') {
                return from + i;
            }
        }
        if (from > 0) {
            throw new IOException("no line end in the last " + MAX_LINE_BYTES + " bytes before position " + end
                    + " (expected: entries of at most that size)");
        }
        return -1;
    }
}
