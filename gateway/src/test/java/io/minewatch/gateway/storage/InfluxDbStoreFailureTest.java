package io.minewatch.gateway.storage;

import static io.minewatch.gateway.storage.Samples.T0;
import static io.minewatch.gateway.storage.Samples.ch4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.minewatch.config.StorageConfig.InfluxDbConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How {@link InfluxDbStore} tells a rejected write from an unavailable store, for answers a healthy InfluxDB cannot
 * be made to give on demand (5xx, 401, 413, a server that never answers). An HTTP server in the test plays the
 * InfluxDB 1.x endpoints with the status codes and bodies InfluxDB sends.
 */
class InfluxDbStoreFailureTest {

    private HttpServer server;
    private volatile int writeStatus;
    private volatile String writeBody;
    private final CountDownLatch neverAnswer = new CountDownLatch(1);
    private volatile boolean hang;
    private InfluxDbStore store;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/query", exchange -> answer(exchange, 200, "{\"results\":[{\"statement_id\":0}]}"));
        server.createContext("/write", exchange -> {
            if (hang) {
                try {
                    neverAnswer.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            answer(exchange, writeStatus, writeBody);
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        store = new InfluxDbStore(new InfluxDbConfig(url, "minewatch", null, null, null, 0, null),
                Duration.ofMillis(500), Duration.ofMillis(300));
    }

    @AfterEach
    void stopServer() {
        store.close();
        neverAnswer.countDown();
        server.stop(0);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        if (status != 204) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private void writeAnswers(int status, String body) {
        writeStatus = status;
        writeBody = body;
    }

    private void write() throws Exception {
        store.write(List.of(ch4("S1", T0, 0.1)), List.of());
    }

    @Test
    void aNoContentAnswerIsAStoredWrite() throws Exception {
        writeAnswers(204, "");

        write();

        assertThat(store.isReachable()).isTrue();
    }

    @Test
    void aServerErrorIsUnavailable() {
        writeAnswers(500, "{\"error\":\"timeout\"}");

        assertThatThrownBy(this::write).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("HTTP 500").hasMessageContaining("timeout");
        assertThat(store.isReachable()).isFalse();
    }

    @Test
    void aServiceUnavailableAnswerIsUnavailable() {
        writeAnswers(503, "");

        assertThatThrownBy(this::write).isInstanceOf(StoreUnavailableException.class).hasMessageContaining("503");
    }

    @Test
    void unparsableLineProtocolIsRejectedWithInfluxDbsReason() {
        String reason = "partial write: unable to parse 'ch4,site=CM01 value=1 x': bad timestamp dropped=0";
        writeAnswers(400, "{\"error\":\"" + reason.replace("'", "\\u0027") + "\"}");

        assertThatThrownBy(this::write).isInstanceOf(StoreRejectedException.class).hasMessage(reason);
        assertThat(store.isReachable()).isTrue();
    }

    @Test
    void anOversizedBodyIsRejectedSoTheWriterSplitsIt() {
        writeAnswers(413, "{\"error\":\"Request Entity Too Large\"}");

        assertThatThrownBy(this::write).isInstanceOf(StoreRejectedException.class)
                .hasMessageContaining("Too Large");
    }

    @Test
    void anAuthorizationFailureIsUnavailableNotRejectedSoNoValidPointIsThrownAway() {
        writeAnswers(401, "{\"error\":\"authorization failed\"}");

        assertThatThrownBy(this::write).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("authorization failed");
    }

    @Test
    void aServerThatDoesNotAnswerIsUnavailableAfterTheReadTimeout() {
        hang = true;
        writeAnswers(204, "");

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(this::write)
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("SocketTimeoutException"));
        assertThat(store.isReachable()).isFalse();
    }

    @Test
    void emptyWritesDoNotContactTheServer() throws Exception {
        writeAnswers(500, "{\"error\":\"should not be called\"}");

        store.write(List.of(), List.of());
    }
}
