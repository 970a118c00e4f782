package io.minewatch.gateway.history;

import io.minewatch.gateway.history.InfluxRollups.Tier;
import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's bulk loader: line protocol written straight into a reused byte buffer (no object per point), in
 * batches of {@link #BATCH_SECONDS} seconds of every sensor at {@code precision=s}, by two writers that split each day;
 * the same schema as {@code InfluxSchema} ({@code ch4,sensor=..,site=CM01 quality="good",value=..}). After each day
 * the day is rolled up (1 m, 10 m, 1 h) on a separate thread, as the gateway's {@link RollupJob} would, and that time
 * is counted separately. Loading stops at a day boundary when the time budget is spent or /tmp runs low.
 */
final class HistoryLoader {

    static final long DAY = 86_400_000L;
    static final int BATCH_SECONDS = 300;
    static final int WRITERS = 2;
    static final long MIN_FREE_BYTES = 10L * 1024 * 1024 * 1024;

    record Result(int days, long points, double loadSeconds, double rollupSeconds, double rollupTailSeconds) {
    }

    private final URI url;
    private final String database;
    private final int sensors;
    private final InfluxRollups rollups;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final byte[][] prefixes;

    HistoryLoader(URI url, String database, int sensors, InfluxRollups rollups) {
        this.url = url;
        this.database = database;
        this.sensors = sensors;
        this.rollups = rollups;
        this.prefixes = new byte[sensors][];
        for (int s = 0; s < sensors; s++) {
            prefixes[s] = ("ch4,sensor=BENCH-CH4-" + s + ",site=CM01 quality=\"good\",value=")
                    .getBytes(StandardCharsets.US_ASCII);
        }
    }

    static double value(long t, int s) {
        return 0.3 + 0.2 * Math.sin((t / 60_000.0 + s) / 50.0) + (t / 1000 % 7) / 100.0;
    }

    Result load(long from, int days, double budgetSeconds) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        ExecutorService roller = Executors.newSingleThreadExecutor();
        AtomicLong rollupNanos = new AtomicLong();
        Future<?> lastRollup = null;
        long started = System.nanoTime();
        long points = 0;
        int loaded = 0;
        try {
            for (int d = 0; d < days; d++) {
                long dayStart = from + d * DAY;
                AtomicLong next = new AtomicLong(dayStart);
                Future<?>[] running = new Future<?>[WRITERS];
                for (int w = 0; w < WRITERS; w++) {
                    running[w] = writers.submit(() -> {
                        Batch batch = new Batch(sensors * BATCH_SECONDS * 64);
                        for (long t = next.getAndAdd(BATCH_SECONDS * 1000L); t < dayStart + DAY;
                                t = next.getAndAdd(BATCH_SECONDS * 1000L)) {
                            write(batch, t, Math.min(dayStart + DAY, t + BATCH_SECONDS * 1000L));
                        }
                        return null;
                    });
                }
                for (Future<?> f : running) {
                    f.get();
                }
                points += (long) sensors * 86_400;
                loaded++;
                long rollFrom = dayStart;
                lastRollup = roller.submit(() -> {
                    long t0 = System.nanoTime();
                    for (Tier tier : Tier.values()) {
                        rollups.rollUp(tier, rollFrom, rollFrom + DAY);
                    }
                    rollupNanos.addAndGet(System.nanoTime() - t0);
                    return null;
                });
                double elapsed = (System.nanoTime() - started) / 1e9;
                long free = new File("/tmp").getUsableSpace();
                System.err.printf("day %d loaded: %d points in %.0f s (%.0f points/s), /tmp free %.1f GB%n",
                        loaded, points, elapsed, points / elapsed, free / 1e9);
                if (free < MIN_FREE_BYTES) {
                    System.err.println("stopping: less than 10 GB free under /tmp");
                    break;
                }
                if (elapsed / loaded * (loaded + 1) > budgetSeconds) {
                    System.err.printf("stopping: another day would exceed the %.0f s load budget%n", budgetSeconds);
                    break;
                }
            }
            double loadSeconds = (System.nanoTime() - started) / 1e9;
            long tail = System.nanoTime();
            if (lastRollup != null) {
                lastRollup.get();
            }
            return new Result(loaded, points, loadSeconds, rollupNanos.get() / 1e9, (System.nanoTime() - tail) / 1e9);
        } finally {
            writers.shutdownNow();
            roller.shutdownNow();
        }
    }

    private void write(Batch batch, long from, long to) throws Exception {
        batch.reset();
        for (long t = from; t < to; t += 1000) {
            long seconds = t / 1000;
            for (int s = 0; s < sensors; s++) {
                batch.bytes(prefixes[s]);
                batch.fixed4(value(t, s));
                batch.ascii(' ');
                batch.number(seconds);
                batch.ascii('\n');
            }
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/write?db="
                        + URLEncoder.encode(database, StandardCharsets.UTF_8) + "&precision=s"))
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch.buffer, 0, batch.length)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        for (int retry = 0; retry < 3 && response.statusCode() / 100 == 5; retry++) {
            System.err.println("write answered " + response.statusCode() + " (" + response.body().strip()
                    + "), written again (points overwrite themselves)");
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("write answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** A growable ASCII buffer with number formatting that allocates nothing. */
    static final class Batch {
        byte[] buffer;
        int length;
        private final byte[] digits = new byte[20];

        Batch(int capacity) {
            buffer = new byte[capacity];
        }

        void reset() {
            length = 0;
        }

        private void ensure(int more) {
            if (length + more > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
            }
        }

        void bytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buffer, length, b.length);
            length += b.length;
        }

        void ascii(char c) {
            ensure(1);
            buffer[length++] = (byte) c;
        }

        void number(long n) {
            if (n < 0) {
                ascii('-');
                n = -n;
            }
            int i = digits.length;
            do {
                digits[--i] = (byte) ('0' + n % 10);
                n /= 10;
            } while (n > 0);
            ensure(digits.length - i);
            System.arraycopy(digits, i, buffer, length, digits.length - i);
            length += digits.length - i;
        }

        /** Four decimals, rounded: 0.3512 for 0.35123. */
        void fixed4(double v) {
            long scaled = Math.round(v * 10_000);
            if (scaled < 0) {
                ascii('-');
                scaled = -scaled;
            }
            number(scaled / 10_000);
            ascii('.');
            long frac = scaled % 10_000;
            for (long div = 1000; div > 0; div /= 10) {
                ascii((char) ('0' + frac / div % 10));
            }
        }
    }
}
