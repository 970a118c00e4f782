package io.minewatch.gateway.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks a loopback port: the preferred one when it is free, any free one otherwise. */
final class FreePort {

    private FreePort() {
    }

    static int preferring(int preferred) throws IOException {
        if (preferred > 0 && isFree(preferred)) {
            return preferred;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
