package io.minewatch.gateway.web.ws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.collectors.Reading;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmListener;
import io.minewatch.gateway.auth.Session;
import io.minewatch.gateway.web.SessionTokens;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans readings and alarm events out to the WebSocket clients of {@code /ws/live}.
 *
 * <p>The pipeline's event loops only put into two non-blocking structures: the latest reading per changed sensor (a
 * concurrent map, latest wins) and a bounded queue of alarm events; with no client connected they do nothing. A
 * single ticker thread drains both every {@link LiveLimits#sendInterval()}, sorts the changes into each client's
 * pending set and writes one frame per client whose connection can take it. A client whose send buffer is full is
 * skipped (it gets the latest values when it catches up: a sample), and disconnected when it stays full for
 * {@link LiveLimits#dropAfter()}. So a slow client costs memory bounded by its sensors and send buffer, and never
 * time on the pipeline.
 */
public final class LiveHub implements AlarmListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);

    private final LiveFrames frames;
    private final SessionTokens tokens;
    private final ScheduledExecutorService ticker;
    private final LiveLimits limits;
    private final Clock clock;
    private final Map<String, Reading> changed = new ConcurrentHashMap<>();
    private final Queue<AlarmEvent> alarms = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedAlarms = new AtomicInteger();
    private final AtomicBoolean alarmOverflow = new AtomicBoolean();
    private final AtomicInteger clientCount = new AtomicInteger();
    /** Ticker-confined. */
    private final Map<Channel, LiveClient> clients = new HashMap<>();
    private final Counter framesSent;
    private final Counter framesSkipped;
    private final Counter clientsDropped;
    private ScheduledFuture<?> ticking;

    public LiveHub(LiveFrames frames, SessionTokens tokens, ScheduledExecutorService ticker, LiveLimits limits,
            Clock clock, MeterRegistry metrics) {
        this.frames = frames;
        this.tokens = tokens;
        this.ticker = ticker;
        this.limits = limits;
        this.clock = clock;
        Gauge.builder("minewatch.websocket.clients", clientCount, AtomicInteger::get)
                .description("WebSocket clients connected to /ws/live").register(metrics);
        this.framesSent = Counter.builder("minewatch.websocket.frames.sent").register(metrics);
        this.framesSkipped = Counter.builder("minewatch.websocket.frames.skipped")
                .description("frames not sent because the client's connection was full (it gets a sample)")
                .register(metrics);
        this.clientsDropped = Counter.builder("minewatch.websocket.clients.dropped")
                .description("clients disconnected for being too slow").register(metrics);
    }

    public void start() {
        long every = limits.sendInterval().toMillis();
        ticking = ticker.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    /** Called by the pipeline (through the live board) for every dispatched batch: never blocks. */
    public void onReadings(List<Reading> batch) {
        if (clientCount.get() == 0) {
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Reading reading = batch.get(i);
            changed.put(reading.sensor(), reading);
        }
    }

    @Override
    public void onAlarm(AlarmEvent event) {
        if (clientCount.get() == 0) {
            return;
        }
        if (queuedAlarms.incrementAndGet() > limits.maxQueuedAlarms()) {
            queuedAlarms.decrementAndGet();
            alarmOverflow.set(true);
            return;
        }
        alarms.add(event);
    }

    public int clients() {
        return clientCount.get();
    }

    void register(Channel channel, Session session) {
        clientCount.incrementAndGet();
        ticker.execute(() -> clients.put(channel, new LiveClient(channel, session)));
        channel.closeFuture().addListener(f -> ticker.execute(() -> {
            if (clients.remove(channel) != null) {
                clientCount.decrementAndGet();
            }
        }));
    }

    void subscribe(Channel channel, Subscription subscription) {
        ticker.execute(() -> {
            LiveClient client = clients.get(channel);
            if (client != null) {
                client.subscribe(subscription);
                flush(client, clock.millis());
            }
        });
    }

    private void tick() {
        try {
            long now = clock.millis();
            List<AlarmEvent> events = drainAlarms();
            boolean resync = alarmOverflow.getAndSet(false);
            List<Reading> readings = drainReadings();
            for (LiveClient client : List.copyOf(clients.values())) {
                if (!tokens.stillValid(client.session)) {
                    close(client, WebSocketCloseStatus.POLICY_VIOLATION, "session expired or logged out");
                    continue;
                }
                if (resync && client.subscription != null) {
                    client.snapshotDue = true;
                }
                client.offer(readings, events, limits.maxPendingAlarms());
                flush(client, now);
            }
        } catch (RuntimeException e) {
            LOG.error("Live stream tick failed; clients get the next one", e);
        }
    }

    private List<AlarmEvent> drainAlarms() {
        List<AlarmEvent> events = new ArrayList<>();
        AlarmEvent event;
        while ((event = alarms.poll()) != null) {
            queuedAlarms.decrementAndGet();
            events.add(event);
        }
        return events;
    }

    private List<Reading> drainReadings() {
        List<Reading> readings = new ArrayList<>(changed.size());
        Iterator<Map.Entry<String, Reading>> entries = changed.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, Reading> entry = entries.next();
            // Removes only the reading read here: one put meanwhile stays for the next tick.
            if (changed.remove(entry.getKey(), entry.getValue())) {
                readings.add(entry.getValue());
            }
        }
        return readings;
    }

    private void flush(LiveClient client, long now) {
        if (client.subscription == null || !client.channel.isActive()) {
            return;
        }
        if (!client.channel.isWritable()) {
            if (client.unwritableSinceMillis < 0) {
                client.unwritableSinceMillis = now;
            } else if (now - client.unwritableSinceMillis > limits.dropAfter().toMillis()) {
                clientsDropped.increment();
                LOG.warn("Live client {} ({}) dropped: it took no data for {} ms", client.channel.remoteAddress(),
                        client.session.user(), now - client.unwritableSinceMillis);
                close(client, WebSocketCloseStatus.POLICY_VIOLATION, "too slow");
                return;
            }
            if (client.hasPending() || client.snapshotDue) {
                framesSkipped.increment();
            }
            return;
        }
        client.unwritableSinceMillis = -1;
        if (client.snapshotDue) {
            client.channel.writeAndFlush(frames.snapshot(client, now));
        } else if (client.hasPending()) {
            client.channel.writeAndFlush(frames.changes(client, now));
        } else {
            return;
        }
        framesSent.increment();
        client.sent();
    }

    private void close(LiveClient client, WebSocketCloseStatus status, String reason) {
        client.channel.writeAndFlush(new CloseWebSocketFrame(status, reason))
                .addListener(f -> client.channel.close());
        // A full send buffer may never flush the close frame: close anyway soon after.
        client.channel.eventLoop().schedule(() -> client.channel.close(), 1, TimeUnit.SECONDS);
        if (clients.remove(client.channel) != null) {
            clientCount.decrementAndGet();
        }
    }

    @Override
    public void close() {
        if (ticking != null) {
            ticking.cancel(false);
        }
    }
}
