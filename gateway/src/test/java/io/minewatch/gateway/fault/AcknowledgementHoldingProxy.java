package io.minewatch.gateway.fault;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on loopback in front of an MQTT broker that can stop what a client sends from reaching the broker,
 * while the broker's packets still reach the client: the client receives and acknowledges, and the broker never learns
 * of it, as when a gateway dies between sending its PUBACKs and their leaving the machine. It reads the client's side
 * packet by packet (MQTT fixed header) to count the PUBACKs it forwarded and those it held back.
 * {@link #holdWhatClientsSend()} applies to the connections open at the time; later connections pass freely.
 */
final class AcknowledgementHoldingProxy extends LoopbackProxy {

    private static final Logger LOG = LoggerFactory.getLogger(AcknowledgementHoldingProxy.class);
    private static final int PUBACK = 4;

    private final List<AtomicBoolean> holds = new CopyOnWriteArrayList<>();
    private final AtomicInteger forwardedAcknowledgements = new AtomicInteger();
    private final AtomicInteger heldAcknowledgements = new AtomicInteger();

    AcknowledgementHoldingProxy(int brokerPort) throws IOException {
        super(brokerPort, "ack-holding-proxy");
        start();
    }

    String url() {
        return "tcp://127.0.0.1:" + port();
    }

    /** From now on, nothing the clients connected now send reaches the broker. */
    void holdWhatClientsSend() {
        holds.forEach(hold -> hold.set(true));
    }

    int forwardedAcknowledgements() {
        return forwardedAcknowledgements.get();
    }

    int heldAcknowledgements() {
        return heldAcknowledgements.get();
    }

    @Override
    void connected(Socket client, Socket upstream) {
        AtomicBoolean hold = new AtomicBoolean();
        holds.add(hold);
        pumps.execute(() -> forwardPackets(client, upstream, hold));
        pumps.execute(() -> forwardBytes(upstream, client));
    }

    /** The client's side, whole MQTT packets at a time: forwarded, or dropped while held. */
    private void forwardPackets(Socket client, Socket upstream, AtomicBoolean hold) {
        try (DataInputStream in = new DataInputStream(client.getInputStream())) {
            OutputStream out = upstream.getOutputStream();
            while (true) {
                int first = in.read();
                if (first < 0) {
                    return;
                }
                byte[] length = new byte[4];
                int remaining = 0;
                int used = 0;
                int digit;
                do {
                    digit = in.readUnsignedByte();
                    length[used] = (byte) digit;
                    remaining |= (digit & 0x7f) << (7 * used);
                    used++;
                } while ((digit & 0x80) != 0 && used < 4);
                byte[] body = in.readNBytes(remaining);
                if (body.length < remaining) {
                    throw new EOFException("packet cut short");
                }
                boolean acknowledgement = first >> 4 == PUBACK;
                if (hold.get()) {
                    if (acknowledgement) {
                        heldAcknowledgements.incrementAndGet();
                    }
                    continue;
                }
                out.write(first);
                out.write(length, 0, used);
                out.write(body);
                out.flush();
                if (acknowledgement) {
                    forwardedAcknowledgements.incrementAndGet();
                }
            }
        } catch (IOException e) {
            LOG.debug("proxy connection closed: {}", e.toString());
        } finally {
            closeQuietly(client, upstream);
        }
    }

    private void forwardBytes(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            LOG.debug("proxy connection closed: {}", e.toString());
        } finally {
            closeQuietly(from, to);
        }
    }
}
