package io.minewatch.gateway.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Reads the journal forward from a position, entry by entry, never past {@code limit} (the last synced seq): a line
 * being written is never read half. Used by one uplink sender at a time; not thread-safe.
 */
public final class JournalReader implements AutoCloseable {

    private static final int CHUNK = 64 * 1024;

    private final Path directory;
    private final JournalFormat format;
    private final LongSupplier limit;
    private FileChannel channel;
    private long openFirstSeq;
    private long position;
    private ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
    private long bufferStart;
    private long lastSeq;

    /**
     * @param afterSeq the reader returns entries after this one (0: from the first)
     * @param limit    the last seq that may be read
     */
    public JournalReader(Path directory, JournalFormat format, long afterSeq, LongSupplier limit) {
        this.directory = directory;
        this.format = format;
        this.limit = limit;
        this.lastSeq = afterSeq;
    }

    /** Seq of the last entry returned (or skipped as unreadable), or the start position. */
    public long lastSeq() {
        return lastSeq;
    }

    /**
     * The next entry, or empty when there is none yet.
     *
     * @throws MalformedEntryException when the next line is no entry; the reader has moved past it
     * @throws IOException             when the files cannot be read
     */
    public Optional<JournalEntry> next() throws IOException, MalformedEntryException {
        while (true) {
            if (lastSeq >= limit.getAsLong()) {
                return Optional.empty();
            }
            if (channel == null && !openFileHolding(lastSeq + 1)) {
                return Optional.empty();
            }
            byte[] line = readLine();
            if (line == null) {
                // End of this file: the next entry is in the next file, once there is one.
                if (!openFileHolding(lastSeq + 1) || channel == null) {
                    return Optional.empty();
                }
                line = readLine();
                if (line == null) {
                    return Optional.empty();
                }
            }
            JournalEntry entry;
            try {
                entry = format.parse(line);
            } catch (MalformedEntryException e) {
                lastSeq++;
                throw e;
            }
            if (entry.seq() <= lastSeq) {
                continue;
            }
            lastSeq = entry.seq();
            return Optional.of(entry);
        }
    }

    /** Opens the file holding {@code seq} unless it is the one open; false when no file holds it. */
    private boolean openFileHolding(long seq) throws IOException {
        List<JournalSegments.Segment> segments = JournalSegments.list(directory);
        Optional<JournalSegments.Segment> holding = JournalSegments.holding(segments, seq);
        if (holding.isEmpty()) {
            return false;
        }
        if (channel != null && holding.get().firstSeq() == openFirstSeq) {
            return true;
        }
        close();
        channel = FileChannel.open(holding.get().file(), StandardOpenOption.READ);
        openFirstSeq = holding.get().firstSeq();
        position = 0;
        bufferStart = 0;
        buffer.clear().limit(0);
        return true;
    }

    /** The next complete line from {@link #position}, or null at the end of what is written. */
    private byte[] readLine() throws IOException {
        while (true) {
            int offset = (int) (position - bufferStart);
            for (int i = offset; i < buffer.limit(); i++) {
                if (buffer.get(i) == '\n') {
                    byte[] line = Arrays.copyOfRange(buffer.array(), offset, i);
                    position = bufferStart + i + 1;
                    return line;
                }
            }
            if (!fill()) {
                return null;
            }
        }
    }

    /** Reads more bytes after what the buffer holds, keeping the unread part; false when nothing more is there. */
    private boolean fill() throws IOException {
        int offset = (int) (position - bufferStart);
        int unread = buffer.limit() - offset;
        if (unread >= JournalTail.MAX_LINE_BYTES) {
            throw new IOException("journal " + directory + ": no line end within " + JournalTail.MAX_LINE_BYTES
                    + " bytes at position " + position);
        }
        if (unread + CHUNK > buffer.capacity()) {
            buffer = ByteBuffer.wrap(Arrays.copyOf(buffer.array(), Math.max(buffer.capacity() * 2, unread + CHUNK)));
        }
        byte[] array = buffer.array();
        System.arraycopy(array, offset, array, 0, unread);
        bufferStart = position;
        buffer.limit(buffer.capacity()).position(unread);
        int read = channel.read(buffer, bufferStart + unread);
        buffer.limit(unread + Math.max(read, 0)).position(0);
        return read > 0;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
