package io.minewatch.gateway.uplink;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

/** A regulator's HTTP endpoint: records each POST (body and headers) and answers with the status it is told. */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    public record Received(String body, Map<String, List<String>> headers) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> accepted = new CopyOnWriteArrayList<>();
    private final List<Received> all = new CopyOnWriteArrayList<>();
    private volatile IntSupplier status = () -> 200;

    public WebhookReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/alarms", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Received received = new Received(body, Map.copyOf(exchange.getRequestHeaders()));
            int code = status.getAsInt();
            all.add(received);
            if (code >= 200 && code < 300) {
                accepted.add(received);
            }
            byte[] answer = ("status " + code).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/alarms");
    }

    public void answer(IntSupplier statusCode) {
        this.status = statusCode;
    }

    /** Requests answered with 2xx, in arrival order. */
    public List<Received> accepted() {
        return accepted;
    }

    public List<Received> all() {
        return all;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
