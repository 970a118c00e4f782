package io.minewatch.gateway.journal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmJson;
import io.minewatch.gateway.alarms.AlarmListener;
import io.minewatch.gateway.alarms.SystemAlarms;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tamper-evident alarm journal: every alarm event, once, as a hash-chained line (see {@link JournalFormat}), in
 * files under one directory (see {@link JournalSegments}). It is the regulator uplink's outbox.
 *
 * <p>Events come two ways. As an {@link AlarmListener} it takes every event the moment it is decided, without
 * blocking the caller; and {@link #appendDurably} returns only once the given events are synced to disk, so the
 * dispatcher can make a message's transitions durable here before the alarm state and before the message is
 * acknowledged. An event arriving both ways (by id, among the last {@value #REMEMBERED_IDS}) is written once.
 *
 * <p>One writer thread owns the files: it takes what is queued, writes it as one group and syncs once per group, so a
 * burst of alarms costs one sync. Sequence numbers are given when an event is queued, in arrival order.
 */
public final class AlarmJournal implements AlarmListener, AutoCloseable {

    public static final long DEFAULT_SEGMENT_BYTES = 64L * 1024 * 1024;
    /** The system alarm raised while the journal cannot be written. */
    public static final String SYSTEM_ALARM = "journal";
    static final int REMEMBERED_IDS = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(AlarmJournal.class);
    private static final int MAX_GROUP = 1_000;
    private static final long RETRY_MIN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long RETRY_MAX_NANOS = TimeUnit.SECONDS.toNanos(5);

    private record Pending(long seq, AlarmEvent event) {
    }

    private final Path directory;
    private final long segmentBytes;
    private final AlarmJson json;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<String, Long> recentIds = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED_IDS;
        }
    };
    private final List<Runnable> onDurable = new CopyOnWriteArrayList<>();
    private final Object durable = new Object();
    private final Thread writer;
    private final Counter appended;
    private final Counter syncs;
    private final Counter writeFailures;

    private FileChannel channel;
    private Path file;
    private String lastHash;
    /** Last seq handed out; guarded by {@code this}. */
    private long assignedSeq;
    /** Last seq on disk; guarded by {@link #durable}. */
    private volatile long durableSeq;
    private volatile String lastFailure = "";
    private volatile SystemAlarms systemAlarms;
    private boolean failing;
    private volatile boolean closing;
    private boolean closed;

    private AlarmJournal(Path directory, long segmentBytes, AlarmJson json, MeterRegistry registry,
            JournalTail.Tail tail) throws IOException {
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.json = json;
        this.file = tail.file();
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        this.lastHash = tail.lastHash();
        this.assignedSeq = tail.lastSeq();
        this.durableSeq = tail.lastSeq();
        this.appended = Counter.builder("minewatch.journal.appended").description("alarm events written")
                .register(registry);
        this.syncs = Counter.builder("minewatch.journal.syncs").description("journal groups synced to disk")
                .register(registry);
        this.writeFailures = Counter.builder("minewatch.journal.write.failures").register(registry);
        Gauge.builder("minewatch.journal.seq", this, j -> j.durableSeq).description("last durable entry")
                .register(registry);
        this.writer = new Thread(this::writeLoop, "minewatch-journal");
        this.writer.setDaemon(true);
    }

    /**
     * Opens the journal in {@code directory} (created when missing), cutting off an entry whose write was
     * interrupted, and starts its writer.
     *
     * @param segmentBytes size after which the next entry starts a new file
     * @throws JournalException when the directory cannot be written or the last entry is damaged
     */
    public static AlarmJournal open(Path directory, long segmentBytes, AlarmJson json, MeterRegistry registry)
            throws JournalException {
        Objects.requireNonNull(directory, "directory");
        if (segmentBytes <= 0) {
            throw new IllegalArgumentException("segmentBytes : " + segmentBytes + " (expected: > 0)");
        }
        try {
            JournalTail.Tail tail = JournalTail.recover(directory, new JournalFormat(json.mapper()));
            AlarmJournal journal = new AlarmJournal(directory, segmentBytes, json, registry, tail);
            journal.writer.start();
            LOG.info("Journal {} open at seq {} ({})", directory, tail.lastSeq(), tail.file().getFileName());
            return journal;
        } catch (IOException e) {
            throw new JournalException("journal " + directory + " cannot be opened: " + e, e);
        }
    }

    public Path directory() {
        return directory;
    }

    /** Seq of the last entry synced to disk. */
    public long durableSeq() {
        return durableSeq;
    }

    /** Runs {@code wakeup} on the writer thread after each group is synced; it must return at once. */
    public void onDurable(Runnable wakeup) {
        onDurable.add(Objects.requireNonNull(wakeup, "wakeup"));
    }

    /**
     * Raises system alarm {@value #SYSTEM_ALARM} (red) while the journal cannot be written, when messages with alarm
     * transitions stay unacknowledged, and clears it once a write succeeds again.
     */
    public void reportTo(SystemAlarms alarms) {
        this.systemAlarms = alarms;
    }

    /** Queues the event; never blocks. */
    @Override
    public void onAlarm(AlarmEvent event) {
        if (enqueue(event) < 0) {
            LOG.error("Journal {} closed: event {} of {}/{} not journalled here", directory, event.id(),
                    event.site(), event.sensor());
        }
    }

    /**
     * Returns once every event is synced to disk, written now or earlier.
     *
     * @throws JournalException when that does not happen within {@code timeout}, or the journal is closed; the events
     *                          stay queued and are written when the disk takes them
     */
    public void appendDurably(List<AlarmEvent> events, Duration timeout) throws JournalException {
        long last = 0;
        for (AlarmEvent event : events) {
            long seq = enqueue(event);
            if (seq < 0) {
                throw new JournalException("journal " + directory + " is closed", null);
            }
            last = Math.max(last, seq);
        }
        awaitDurable(last, timeout);
    }

    private synchronized long enqueue(AlarmEvent event) {
        Long known = recentIds.get(event.id());
        if (known != null) {
            return known;
        }
        if (closing) {
            return -1;
        }
        long seq = ++assignedSeq;
        recentIds.put(event.id(), seq);
        queue.add(new Pending(seq, event));
        return seq;
    }

    private void awaitDurable(long seq, Duration timeout) throws JournalException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (durable) {
            while (durableSeq < seq) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new JournalException("journal " + directory + " did not sync entry " + seq + " within "
                            + timeout.toMillis() + " ms (last durable " + durableSeq + ")" + lastFailure, null);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(durable, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new JournalException("interrupted waiting for journal " + directory, e);
                }
            }
        }
    }

    private void writeLoop() {
        List<Pending> group = new ArrayList<>();
        while (true) {
            Pending first;
            try {
                first = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            if (first == null) {
                if (closing && queue.isEmpty()) {
                    return;
                }
                continue;
            }
            group.add(first);
            queue.drainTo(group, MAX_GROUP - 1);
            writeUntilDurable(group);
            group.clear();
        }
    }

    private void writeUntilDurable(List<Pending> group) {
        long retryNanos = RETRY_MIN_NANOS;
        while (true) {
            try {
                write(group);
                lastFailure = "";
                if (failing) {
                    failing = false;
                    report(false, "alarm journal " + directory + " written again from entry " + group.get(0).seq());
                }
                return;
            } catch (IOException | RuntimeException e) {
                writeFailures.increment();
                lastFailure = "; last write failed: " + e;
                if (closing) {
                    LOG.error("Journal {}: entries {} to {} not written at close: {}", directory, group.get(0).seq(),
                            group.get(group.size() - 1).seq(), e.toString());
                    return;
                }
                if (!failing) {
                    failing = true;
                    report(true, "alarm journal " + directory + " cannot be written (" + e + "): messages with alarm "
                            + "transitions stay unacknowledged until it can");
                }
                LOG.error("Journal {}: entries {} to {} not written, retry in {} ms: {}", directory,
                        group.get(0).seq(), group.get(group.size() - 1).seq(),
                        TimeUnit.NANOSECONDS.toMillis(retryNanos), e.toString());
                LockSupport.parkNanos(retryNanos);
                retryNanos = Math.min(retryNanos * 2, RETRY_MAX_NANOS);
            }
        }
    }

    private void write(List<Pending> group) throws IOException {
        if (channel.size() >= segmentBytes) {
            rotate(group.get(0).seq());
        }
        long sizeBefore = channel.size();
        String hash = lastHash;
        List<byte[]> lines = new ArrayList<>(group.size());
        int bytes = 0;
        for (Pending pending : group) {
            byte[] line = JournalFormat.line(pending.seq(), hash, eventJson(pending.event()));
            hash = new String(line, line.length - 66, 64, StandardCharsets.US_ASCII);
            lines.add(line);
            bytes += line.length + 1;
        }
        ByteBuffer buffer = ByteBuffer.allocate(bytes);
        for (byte[] line : lines) {
            buffer.put(line).put((byte) '\n');
        }
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            // Leave no partial group behind: the retry writes the same entries again.
            channel.truncate(sizeBefore);
            throw e;
        }
        lastHash = hash;
        appended.increment(group.size());
        syncs.increment();
        synchronized (durable) {
            durableSeq = group.get(group.size() - 1).seq();
            durable.notifyAll();
        }
        for (Runnable wakeup : onDurable) {
            try {
                wakeup.run();
            } catch (RuntimeException e) {
                LOG.error("Journal {}: a reader's wakeup failed", directory, e);
            }
        }
    }

    private void report(boolean raise, String message) {
        SystemAlarms alarms = systemAlarms;
        if (alarms == null) {
            return;
        }
        if (raise) {
            alarms.raise(SYSTEM_ALARM, Level.RED, message);
        } else {
            alarms.clear(SYSTEM_ALARM, message);
        }
    }

    private byte[] eventJson(AlarmEvent event) {
        try {
            return json.toBytes(event);
        } catch (RuntimeException e) {
            // Never leave a hole in the chain: an event that cannot be written in full is written by id.
            LOG.error("Journal {}: event {} of {}/{} written by id only", directory, event.id(), event.site(),
                    event.sensor(), e);
            return json.mapper().createObjectNode().put("id", event.id()).put("site", event.site())
                    .put("sensor", event.sensor()).put("error", e.toString()).toString()
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    private void rotate(long firstSeq) throws IOException {
        Path next = directory.resolve(JournalSegments.fileName(firstSeq));
        FileChannel opened = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        channel.close();
        channel = opened;
        file = next;
        syncDirectory();
        LOG.info("Journal {}: new file {} from entry {}", directory, next.getFileName(), firstSeq);
    }

    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            LOG.debug("Journal {}: directory sync not supported here: {}", directory, e.toString());
        }
    }

    /** Writes what is queued (waiting a few seconds at most), then closes the file. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            closing = true;
        }
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.error("Journal {}: writer still busy after 5 s at close; {} entries not written", directory,
                    queue.size());
            writer.interrupt();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("Journal {} did not close cleanly: {}", directory, e.toString());
        }
        LOG.info("Journal {} closed at seq {}", directory, durableSeq);
    }
}
