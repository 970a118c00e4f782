package io.minewatch.gateway.pipeline;

import io.minewatch.collectors.Delivery;
import io.minewatch.collectors.Ingest;
import io.minewatch.collectors.IngestSink;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries received messages through the stages of {@link LaneInitializer} on a fixed set of lanes: in-VM Netty
 * channels, each served by one event loop. A message goes to the lane chosen by its sensor id, so all readings of a
 * sensor are evaluated in order on one thread and its alarm state needs no lock.
 *
 * <p>At most {@code maxInFlight} messages are between receipt and storage at any time: {@link #submit(Ingest)}
 * blocks the collector's thread beyond that, which is how a slow store slows intake instead of growing the heap.
 */
public final class ReadingPipeline implements IngestSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingPipeline.class);

    private final int laneCount;
    private final LaneInitializer initializer;
    private final int maxInFlight;
    private final Semaphore permits;
    private final PipelineMetrics metrics;
    private final Clock clock;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Channel> lanes = new ArrayList<>();
    /** The serving side of each lane, by the sending side's address: its event loop is the one that evaluates. */
    private final Map<SocketAddress, Channel> servingSides = new ConcurrentHashMap<>();
    private EventLoopGroup group;
    private Channel server;

    public ReadingPipeline(int laneCount, LaneInitializer initializer, int maxInFlight, PipelineMetrics metrics,
            Clock clock) {
        if (laneCount <= 0) {
            throw new IllegalArgumentException("laneCount : " + laneCount + " (expected: > 0)");
        }
        if (maxInFlight <= 0) {
            throw new IllegalArgumentException("maxInFlight : " + maxInFlight + " (expected: > 0)");
        }
        this.laneCount = laneCount;
        this.initializer = initializer;
        this.maxInFlight = maxInFlight;
        this.permits = new Semaphore(maxInFlight);
        this.metrics = metrics;
        this.clock = clock;
        metrics.gaugeInFlight(permits, maxInFlight);
    }

    /** Opens the lanes. */
    public void start() throws InterruptedException {
        CountDownLatch served = new CountDownLatch(laneCount);
        group = new DefaultEventLoopGroup(laneCount, new DefaultThreadFactory("minewatch-lane", true));
        LocalAddress address = new LocalAddress(LocalAddress.ANY.id() + "-pipeline-" + System.identityHashCode(this));
        server = new ServerBootstrap()
                .group(group)
                .channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        servingSides.put(ch.remoteAddress(), ch);
                        ch.pipeline().addLast(initializer);
                        served.countDown();
                    }
                })
                .bind(address).sync().channel();
        Bootstrap client = new Bootstrap().group(group).channel(LocalChannel.class)
                .handler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        // The sending side of a lane has no stages: messages cross to the serving side.
                    }
                });
        for (int i = 0; i < laneCount; i++) {
            lanes.add(client.connect(address).sync().channel());
        }
        // A connect completes before the serving side is set up on its own loop; laneExecutor needs it.
        if (!served.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("lanes : " + servingSides.size() + " of " + laneCount
                    + " served after 10 s (expected: all)");
        }
        LOG.info("Pipeline started with {} lanes, at most {} messages in flight", laneCount, maxInFlight);
    }

    @Override
    public void submit(Ingest ingest) throws InterruptedException {
        if (closed.get()) {
            throw new IllegalStateException("pipeline : closed (expected: started and not closed)");
        }
        permits.acquire();
        metrics.messages().increment();
        long receivedAt = clock.millis();
        Delivery original = ingest.delivery();
        AtomicBoolean done = new AtomicBoolean();
        Delivery tracked = () -> {
            if (done.compareAndSet(false, true)) {
                permits.release();
                metrics.storeLatency().record(Math.max(0, clock.millis() - receivedAt), TimeUnit.MILLISECONDS);
                original.complete();
            }
        };
        Ingest inFlight = ingest.withDelivery(tracked);
        Channel lane = lanes.get(laneOf(ingest.sensor()));
        lane.writeAndFlush(inFlight).addListener(future -> {
            if (!future.isSuccess()) {
                // The message never reached the lane: free its permit but do not acknowledge it to its source.
                LOG.error("Lane {} refused a message for sensor {}", lane.id(), ingest.sensor(), future.cause());
                if (done.compareAndSet(false, true)) {
                    permits.release();
                }
            }
        });
    }

    /**
     * The event loop that evaluates {@code sensor}'s readings: what runs there is ordered with the sensor's alarm
     * transitions (used to emit acknowledgements and other lifecycle events of its alarms). Valid once started.
     *
     * @throws IllegalStateException when the pipeline is not started
     */
    public Executor laneExecutor(String sensor) {
        if (lanes.isEmpty()) {
            throw new IllegalStateException("pipeline : not started (expected: started)");
        }
        Channel lane = lanes.get(laneOf(sensor));
        Channel serving = servingSides.get(lane.localAddress());
        if (serving == null) {
            throw new IllegalStateException("lane " + lane.id() + " : no serving side (expected: connected)");
        }
        return serving.eventLoop();
    }

    /** Messages received and not yet stored. */
    public int inFlight() {
        return maxInFlight - permits.availablePermits();
    }

    int laneOf(String sensor) {
        int h = sensor.hashCode();
        h ^= h >>> 16;
        return Math.floorMod(h * 0x9E3779B1, laneCount);
    }

    /**
     * Waits up to {@code timeout} for messages in flight to be stored, then closes the lanes. Collectors must be
     * stopped first.
     */
    public void close(Duration timeout) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (permits.tryAcquire(maxInFlight, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                permits.release(maxInFlight);
            } else {
                LOG.warn("Pipeline closed with {} messages not yet stored; their sources were not acknowledged",
                        inFlight());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Channel lane : lanes) {
            lane.close().awaitUninterruptibly();
        }
        if (server != null) {
            server.close().awaitUninterruptibly();
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
