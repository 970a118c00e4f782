package io.minewatch.gateway.uplink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far one endpoint has received the journal: {@code <dir>/<endpoint>.cursor} holding {@code "<seq> <hash>\n"} of
 * the last entry delivered. {@link #persist()} writes a new file, syncs it and renames it over the old one, so the
 * file always holds a whole cursor. It is persisted now and then, not after every delivery: after a crash the entries
 * delivered since are sent again, which the event id makes harmless (at least once).
 */
public final class UplinkCursor {

    private static final Logger LOG = LoggerFactory.getLogger(UplinkCursor.class);

    private final Path file;
    private volatile long seq;
    private volatile String hash;
    private long persistedSeq;

    private UplinkCursor(Path file, long seq, String hash) {
        this.file = file;
        this.seq = seq;
        this.hash = hash;
        this.persistedSeq = seq;
    }

    /** Reads the cursor of {@code endpoint} in {@code directory}; a missing or unreadable one starts at 0. */
    public static UplinkCursor open(Path directory, String endpoint) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(endpoint + ".cursor");
        if (!Files.exists(file)) {
            return new UplinkCursor(file, 0, "");
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        String[] parts = text.split(" ");
        try {
            long seq = Long.parseLong(parts[0]);
            if (seq < 0) {
                throw new NumberFormatException("negative");
            }
            return new UplinkCursor(file, seq, parts.length > 1 ? parts[1] : "");
        } catch (NumberFormatException e) {
            LOG.error("Uplink cursor {} unreadable ('{}'): the endpoint receives the journal again from its start",
                    file, text);
            return new UplinkCursor(file, 0, "");
        }
    }

    public Path file() {
        return file;
    }

    /** Seq of the last entry delivered (0: none). */
    public long seq() {
        return seq;
    }

    /** Hash of the last entry delivered ("" when unknown). */
    public String hash() {
        return hash;
    }

    /** Records a delivery, in memory. */
    public void advance(long deliveredSeq, String deliveredHash) {
        seq = deliveredSeq;
        hash = deliveredHash;
    }

    /** Starts again from the journal's beginning (the journal this cursor pointed into is gone). */
    void reset() {
        advance(0, "");
    }

    /** Makes the cursor durable, unless it has not moved since the last time. */
    public void persist() throws IOException {
        long now = seq;
        if (now == persistedSeq && Files.exists(file)) {
            return;
        }
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap((now + " " + hash + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            LOG.debug("Uplink cursor {}: directory sync not supported: {}", file, e.toString());
        }
        persistedSeq = now;
    }
}
