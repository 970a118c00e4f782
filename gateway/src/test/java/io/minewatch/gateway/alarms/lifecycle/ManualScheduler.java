package io.minewatch.gateway.alarms.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler driven by a {@link ManualClock}: nothing runs until {@link #advance} moves the clock, then the tasks due
 * run on the calling thread in the order of their due time (then of scheduling). Deterministic, no threads.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final ManualClock clock;
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>(
            Comparator.comparingLong((Task<?> t) -> t.dueMillis).thenComparingLong(t -> t.sequence));
    private long sequence;
    private boolean shutdown;

    ManualScheduler(ManualClock clock) {
        this.clock = clock;
    }

    /** Moves the clock forward step by step to each due task, running it, up to {@code duration} later. */
    void advance(Duration duration) {
        long end = clock.millis() + duration.toMillis();
        while (true) {
            Task<?> next = queue.peek();
            if (next == null || next.dueMillis > end) {
                break;
            }
            queue.poll();
            if (next.dueMillis > clock.millis()) {
                clock.advance(Duration.ofMillis(next.dueMillis - clock.millis()));
            }
            next.run();
        }
        if (end > clock.millis()) {
            clock.advance(Duration.ofMillis(end - clock.millis()));
        }
    }

    /** Runs what is due now without moving the clock. */
    void runDue() {
        advance(Duration.ZERO);
    }

    int pending() {
        int pending = 0;
        for (Task<?> task : queue) {
            if (!task.isCancelled()) {
                pending++;
            }
        }
        return pending;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return schedule(() -> {
            command.run();
            return null;
        }, delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        Task<V> task = new Task<>(callable, clock.millis() + Math.max(0, unit.toMillis(delay)), sequence++);
        queue.add(task);
        return task;
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by the code under test");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by the code under test");
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        queue.clear();
        return new ArrayList<>();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    private final class Task<V> implements ScheduledFuture<V> {

        private final Callable<V> callable;
        private final long dueMillis;
        private final long sequence;
        private final CompletableFuture<V> result = new CompletableFuture<>();

        Task(Callable<V> callable, long dueMillis, long sequence) {
            this.callable = callable;
            this.dueMillis = dueMillis;
            this.sequence = sequence;
        }

        void run() {
            if (result.isDone()) {
                return;
            }
            try {
                result.complete(callable.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueMillis - clock.millis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.MILLISECONDS), other.getDelay(TimeUnit.MILLISECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            queue.remove(this);
            return result.cancel(false);
        }

        @Override
        public boolean isCancelled() {
            return result.isCancelled();
        }

        @Override
        public boolean isDone() {
            return result.isDone();
        }

        @Override
        public V get() throws InterruptedException, ExecutionException {
            return result.get();
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException {
            return result.get();
        }
    }
}
