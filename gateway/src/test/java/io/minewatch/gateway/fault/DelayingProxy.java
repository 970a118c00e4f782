package io.minewatch.gateway.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on loopback in front of a server (here InfluxDB's HTTP API) that holds back the start of every answer
 * for a settable delay: the first bytes the server sends after a request reach the client only {@code delay} later, and
 * everything after them keeps its order. Setting the delay to zero lets traffic through at once again.
 */
final class DelayingProxy extends LoopbackProxy {

    private static final Logger LOG = LoggerFactory.getLogger(DelayingProxy.class);

    private final List<ScheduledExecutorService> senders = new CopyOnWriteArrayList<>();
    private volatile long delayNanos;

    DelayingProxy(int targetPort, Duration delay) throws IOException {
        super(targetPort, "delaying-proxy");
        delay(delay);
        start();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    void delay(Duration delay) {
        this.delayNanos = delay.toNanos();
    }

    @Override
    void connected(Socket client, Socket upstream) {
        ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "delaying-proxy-sender");
            thread.setDaemon(true);
            return thread;
        });
        senders.add(sender);
        AtomicBoolean requestPending = new AtomicBoolean();
        pumps.execute(() -> forwardRequests(client, upstream, requestPending));
        pumps.execute(() -> delayAnswers(upstream, client, requestPending, sender));
    }

    private void forwardRequests(Socket client, Socket upstream, AtomicBoolean requestPending) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = client.getInputStream()) {
            OutputStream out = upstream.getOutputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                requestPending.set(true);
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            LOG.debug("proxy connection closed: {}", e.toString());
        } finally {
            closeQuietly(client, upstream);
        }
    }

    /** Forwards the server's bytes through a single sender thread, each answer's first bytes {@code delay} late. */
    private void delayAnswers(Socket upstream, Socket client, AtomicBoolean requestPending,
            ScheduledExecutorService sender) {
        byte[] buffer = new byte[64 * 1024];
        long due = 0;
        try (InputStream in = upstream.getInputStream()) {
            OutputStream out = client.getOutputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                long now = System.nanoTime();
                long earliest = requestPending.getAndSet(false) ? now + delayNanos : now;
                due = Math.max(due, earliest);
                byte[] chunk = Arrays.copyOf(buffer, n);
                sender.schedule(() -> {
                    try {
                        out.write(chunk);
                        out.flush();
                    } catch (IOException e) {
                        closeQuietly(client, upstream);
                    }
                }, due - now, TimeUnit.NANOSECONDS);
            }
        } catch (IOException | RejectedExecutionException e) {
            LOG.debug("proxy connection closed: {}", e.toString());
        } finally {
            try {
                sender.schedule(() -> closeQuietly(client, upstream), Math.max(0, due - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                closeQuietly(client, upstream); // the proxy is closing
            }
        }
    }

    @Override
    public void close() throws IOException {
        super.close();
        senders.forEach(ScheduledExecutorService::shutdownNow);
    }
}
