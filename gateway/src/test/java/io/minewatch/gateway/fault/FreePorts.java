package io.minewatch.gateway.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for the servers a fault test starts, taken below the kernel's ephemeral range. A port the kernel
 * handed out for {@code bind(0)} lies in that range, and between the test picking it and influxd or Mosquitto binding
 * it the kernel may give it to an outgoing connection as its local port (influxd then fails with "address already in
 * use"; seen once in InfluxOutageIT). Below the range the kernel never picks a port by itself; the ports handed out
 * here are remembered so that one test run does not get the same one twice.
 */
final class FreePorts {

    /** Above what scripts/services and the shared test servers start from (21883, 28086 and up). */
    private static final int LOWEST = 29_000;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {
    }

    static synchronized int next() {
        int highest = ephemeralLow() - 1;
        if (highest - LOWEST < 500) {
            return kernelPicked();
        }
        for (int tries = 0; tries < 1_000; tries++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
            if (!HANDED_OUT.contains(port) && free(port)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port in " + LOWEST + ".." + highest);
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The lowest port of the kernel's ephemeral range ({@code net.ipv4.ip_local_port_range}); 32768 if unknown. */
    private static int ephemeralLow() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    private static int kernelPicked() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
