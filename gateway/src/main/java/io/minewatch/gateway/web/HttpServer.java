package io.minewatch.gateway.web;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP(S) server on Netty: {@code tls → http → aggregate → api}, the API stage on a separate executor group
 * because history queries and acknowledgements wait and must not hold up the socket loops. A WebSocket connection
 * replaces {@code api} with {@code ws-protocol → live} on the socket loop.
 *
 * <p>Each connection's send buffer is bounded by a write-buffer water mark: a live client whose buffer passes the
 * high mark is "not writable", and the live hub skips it instead of queueing more.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private static final int MAX_REQUEST_BYTES = 64 * 1024;
    static final WriteBufferWaterMark SEND_BUFFER = new WriteBufferWaterMark(64 * 1024, 512 * 1024);

    private final String bind;
    private final int port;
    private final SslContext tls;
    private final ApiHandler api;
    private EventLoopGroup loops;
    private EventExecutorGroup workers;
    private Channel channel;
    private ChannelGroup connections;

    /** @param tls the server's TLS context, or null for plain HTTP */
    public HttpServer(String bind, int port, SslContext tls, ApiHandler api) {
        this.bind = bind;
        this.port = port;
        this.tls = tls;
        this.api = api;
    }

    public void start() throws InterruptedException {
        loops = new NioEventLoopGroup(1, new DefaultThreadFactory("minewatch-http", true));
        workers = new DefaultEventExecutorGroup(2, new DefaultThreadFactory("minewatch-api", true));
        connections = new DefaultChannelGroup("minewatch-http", loops.next());
        channel = new ServerBootstrap()
                .group(loops)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, SEND_BUFFER)
                // Bounds what the kernel holds for a client that stopped reading (it would grow to 4 MB), so the
                // live hub sees a stalled client within seconds; still 5 MB/s at 50 ms round trip.
                .childOption(ChannelOption.SO_SNDBUF, 256 * 1024)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        if (tls != null) {
                            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast("http", new HttpServerCodec());
                        ch.pipeline().addLast("aggregate", new HttpObjectAggregator(MAX_REQUEST_BYTES));
                        ch.pipeline().addLast(workers, "api", api);
                    }
                })
                .bind(bind, port).sync().channel();
        LOG.info("Control room and API listening on {}://{}:{}", tls == null ? "http" : "https", bind, port());
    }

    /** The bound port (useful when configured as 0). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().awaitUninterruptibly();
            // Connections first, while both groups still run: their last events pass between the two.
            connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        if (workers != null) {
            workers.shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS).awaitUninterruptibly();
        }
        if (loops != null) {
            loops.shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS).awaitUninterruptibly();
        }
    }
}
