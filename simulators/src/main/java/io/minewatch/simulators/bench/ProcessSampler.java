package io.minewatch.simulators.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Samples a process once a second from {@code /proc}: CPU (user + system time, in % of one core) and resident
 * memory; and, where the system reports it, its heap in use.
 */
final class ProcessSampler implements AutoCloseable {

    /** One sample: seconds since the sampler started, CPU % of one core, resident MB, heap MB (-1: unknown). */
    record Sample(double seconds, double cpuPercent, double rssMegabytes, double heapMegabytes) {
    }

    // Linux reports process times in clock ticks of 1/100 s on every common architecture (USER_HZ).
    private static final double TICKS_PER_SECOND = 100.0;

    private final long pid;
    private final Supplier<OptionalLong> heapBytes;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "mwbench-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Sample> samples = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private long lastTicks = -1;
    private long lastNanos;

    ProcessSampler(long pid, Supplier<OptionalLong> heapBytes) {
        this.pid = pid;
        this.heapBytes = heapBytes;
        scheduler.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    private void sample() {
        try {
            long now = System.nanoTime();
            long ticks = cpuTicks();
            double rss = residentKilobytes() / 1024.0;
            OptionalLong heap = heapBytes.get();
            synchronized (this) {
                if (lastTicks >= 0) {
                    double cpu = (ticks - lastTicks) / TICKS_PER_SECOND / ((now - lastNanos) / 1e9) * 100;
                    samples.add(new Sample((now - startNanos) / 1e9, cpu, rss,
                            heap.isPresent() ? heap.getAsLong() / 1048576.0 : -1));
                }
                lastTicks = ticks;
                lastNanos = now;
            }
        } catch (IOException | RuntimeException e) {
            // The process has gone; the samples so far stand.
        }
    }

    private long cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private long residentKilobytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
