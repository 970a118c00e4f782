package io.minewatch.collectors.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NoDelaySocketsTest {

    private ServerSocket server;

    @BeforeEach
    void listen() throws Exception {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws Exception {
        server.close();
    }

    @Test
    void plainSocketsAsPahoCreatesThemHaveNagleOff() throws Exception {
        SocketFactory factory = NoDelaySockets.forBroker(URI.create("tcp://127.0.0.1:1883"), null);

        try (Socket unconnected = factory.createSocket()) {
            assertThat(unconnected.getTcpNoDelay()).isTrue();
            unconnected.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
            assertThat(unconnected.getTcpNoDelay()).isTrue();
        }
        try (Socket connected = factory.createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            assertThat(connected.getTcpNoDelay()).isTrue();
        }
    }

    @Test
    void tlsSocketsHaveNagleOffAndStayTls() throws Exception {
        SocketFactory factory = NoDelaySockets.forBroker(URI.create("ssl://127.0.0.1:8883"), null);

        assertThat(factory).isInstanceOf(SSLSocketFactory.class);
        try (Socket unconnected = factory.createSocket()) {
            assertThat(unconnected).isInstanceOf(SSLSocket.class);
            assertThat(unconnected.getTcpNoDelay()).isTrue();
        }
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket layered = ((SSLSocketFactory) factory).createSocket(plain, "127.0.0.1",
                        server.getLocalPort(), true)) {
            assertThat(layered).isInstanceOf(SSLSocket.class);
            assertThat(plain.getTcpNoDelay()).isTrue();
        }
    }

    @Test
    void withoutTheFactoryJavaLeavesNagleOn() throws Exception {
        try (Socket socket = SocketFactory.getDefault().createSocket()) {
            assertThat(socket.getTcpNoDelay()).isFalse();
        }
    }
}
