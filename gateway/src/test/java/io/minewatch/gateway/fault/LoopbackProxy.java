package io.minewatch.gateway.fault;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the fault tests' TCP proxies share: a listening socket on loopback, and for each client that connects, a
 * connection of its own to the target server (both with TCP_NODELAY), handed to {@link #connected} to pump between.
 * Closing closes every socket and stops the pumps.
 */
abstract class LoopbackProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoopbackProxy.class);

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    /** Runs the pumps; its threads are daemons. */
    final ExecutorService pumps;

    LoopbackProxy(int targetPort, String threadName) throws IOException {
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.pumps = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts taking connections; a subclass calls it at the end of its constructor. */
    final void start() {
        pumps.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Starts pumping between a new client and its connection to the target; must not block. */
    abstract void connected(Socket client, Socket upstream);

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(target, 2000);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                connected(client, upstream);
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warn("proxy to {} could not take a connection: {}", target, e.toString());
                }
            }
        }
    }

    static void closeQuietly(Socket... sockets) {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(LoopbackProxy::closeQuietly);
        pumps.shutdownNow();
    }
}
