package io.minewatch.collectors.reject;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every rejection as one JSON line, so that an operator can see what was refused and why:
 * <pre>{"at":"2025-11-22T10:00:00.123Z","reason":"bad_json","detail":"...","source":"site-broker",
 * "topic":"minewatch/CM01/CM01-CH4-T1","payload":"..."}</pre>
 *
 * <p>Lines are buffered and flushed every {@code flushInterval} and on {@link #close()}; a file that would grow past
 * {@code maxFileBytes} is rotated ({@code dead-letter.jsonl} becomes {@code dead-letter.jsonl.1}, and so on up to
 * {@code keptFiles} old files). An I/O failure never reaches the caller: the first failure of a streak is logged,
 * the lines lost meanwhile are counted and reported once writing works again. Thread-safe.
 */
public final class DeadLetterLog implements RejectSink, AutoCloseable {

    public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;
    public static final int DEFAULT_KEPT_FILES = 5;
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(DeadLetterLog.class);
    private static final int BUFFER_BYTES = 64 * 1024;

    private final JsonFactory json = new JsonFactory();
    private final Path file;
    private final long maxFileBytes;
    private final int keptFiles;
    private final ScheduledFuture<?> flusher;
    private final Object lock = new Object();

    // Guarded by lock.
    private OutputStream out;
    private long fileBytes;
    private boolean unflushed;
    private boolean failing;
    private long lostLines;
    private boolean closed;

    /** A log at {@code file} with the default size limit, number of kept files and flush interval. */
    public DeadLetterLog(Path file, ScheduledExecutorService scheduler) {
        this(file, DEFAULT_MAX_FILE_BYTES, DEFAULT_KEPT_FILES, DEFAULT_FLUSH_INTERVAL, scheduler);
    }

    public DeadLetterLog(Path file, long maxFileBytes, int keptFiles, Duration flushInterval,
            ScheduledExecutorService scheduler) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("maxFileBytes : " + maxFileBytes + " (expected: > 0)");
        }
        if (keptFiles < 0) {
            throw new IllegalArgumentException("keptFiles : " + keptFiles + " (expected: >= 0)");
        }
        Objects.requireNonNull(flushInterval, "flushInterval");
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("flushInterval : " + flushInterval + " (expected: > 0)");
        }
        Objects.requireNonNull(scheduler, "scheduler");
        this.maxFileBytes = maxFileBytes;
        this.keptFiles = keptFiles;
        long intervalNanos = flushInterval.toNanos();
        this.flusher = scheduler.scheduleWithFixedDelay(this::flush, intervalNanos, intervalNanos,
                TimeUnit.NANOSECONDS);
    }

    public Path file() {
        return file;
    }

    @Override
    public void reject(Rejection rejection) {
        byte[] line;
        try {
            line = toJsonLine(rejection);
        } catch (IOException | RuntimeException e) {
            log.warn("Dead-letter log {}: could not encode a {} rejection from {}: {}", file,
                    rejection.reason().id(), rejection.source(), e.toString());
            return;
        }
        synchronized (lock) {
            if (closed) {
                if (!failing) {
                    failing = true;
                    log.warn("Dead-letter log {} is closed; later {} rejections from {} and others are counted but "
                            + "not kept", file, rejection.reason().id(), rejection.source());
                }
                return;
            }
            try {
                if (out == null) {
                    open();
                }
                if (fileBytes > 0 && fileBytes + line.length > maxFileBytes) {
                    rotate();
                }
                out.write(line);
                fileBytes += line.length;
                unflushed = true;
                recovered();
            } catch (IOException | RuntimeException e) {
                lost(e);
            }
        }
    }

    /** Writes buffered lines to the file now. */
    public void flush() {
        synchronized (lock) {
            if (out == null || !unflushed) {
                return;
            }
            try {
                out.flush();
                unflushed = false;
            } catch (IOException | RuntimeException e) {
                lost(e);
            }
        }
    }

    /** Flushes and closes the file; later rejections are dropped (and said so once). Safe to call twice. */
    @Override
    public void close() {
        flusher.cancel(false);
        synchronized (lock) {
            if (closed) {
                return;
            }
            flush();
            closeFile();
            closed = true;
            failing = false;
        }
    }

    private byte[] toJsonLine(Rejection rejection) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + rejection.excerpt().length());
        try (JsonGenerator gen = json.createGenerator(bytes, JsonEncoding.UTF8)) {
            gen.writeStartObject();
            gen.writeStringField("at", Instant.ofEpochMilli(rejection.atMillis()).toString());
            gen.writeStringField("reason", rejection.reason().id());
            gen.writeStringField("detail", rejection.detail());
            gen.writeStringField("source", rejection.source());
            gen.writeStringField("topic", rejection.topic());
            gen.writeStringField("payload", rejection.excerpt());
            gen.writeEndObject();
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    private void open() throws IOException {
        Path parent = file.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        out = new BufferedOutputStream(
                Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND), BUFFER_BYTES);
        fileBytes = Files.size(file);
    }

    private void rotate() throws IOException {
        out.flush();
        closeFile();
        if (keptFiles == 0) {
            Files.deleteIfExists(file);
        } else {
            Files.deleteIfExists(rotated(keptFiles));
            for (int i = keptFiles - 1; i >= 1; i--) {
                if (Files.exists(rotated(i))) {
                    Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        }
        open();
    }

    private Path rotated(int generation) {
        return file.resolveSibling(file.getFileName() + "." + generation);
    }

    private void lost(Exception cause) {
        lostLines++;
        if (!failing) {
            failing = true;
            log.warn("Dead-letter log {} cannot be written; rejections are still counted but not kept until it "
                    + "can: {}", file, cause.toString());
        }
        if (!closed) {
            closeFile(); // reopened by the next rejection
        }
    }

    private void recovered() {
        if (failing) {
            failing = false;
            log.info("Dead-letter log {} is written again; at least {} rejection(s) were not kept meanwhile", file,
                    lostLines);
            lostLines = 0;
        }
    }

    private void closeFile() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            log.debug("Dead-letter log {}: close failed: {}", file, e.toString());
        }
        out = null;
        unflushed = false;
    }
}
