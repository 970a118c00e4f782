package io.minewatch.gateway.uplink;

import io.minewatch.config.UplinkConfig.RegulatorConfig;
import io.minewatch.gateway.journal.JournalEntry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

/**
 * A regulator's HTTP endpoint: one {@code POST} per entry, the journal line as the JSON body, with
 * {@code Authorization: Bearer <token>}, {@code Idempotency-Key: <event id>} and {@code X-Minewatch-Seq}. A 2xx
 * answer is delivery. 400, 413, 415 and 422 refuse the message itself (it would be refused again): it is poisoned.
 * Anything else, including 401/403/404 (a misconfigured endpoint, which would otherwise poison every message), 408,
 * 429, 5xx and network failures, is retried.
 */
public final class WebhookEndpoint implements RegulatorEndpoint {

    static final Set<Integer> POISON = Set.of(400, 413, 415, 422);
    private static final int REASON_CHARS = 200;

    private final RegulatorConfig config;
    private final HttpClient client;

    public WebhookEndpoint(RegulatorConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder().connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public String target() {
        return config.url().toString();
    }

    @Override
    public void deliver(JournalEntry entry) throws DeliveryException {
        HttpRequest.Builder request = HttpRequest.newBuilder(config.url()).timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", entry.eventId())
                .header("X-Minewatch-Seq", Long.toString(entry.seq()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(entry.line()));
        if (config.token() != null) {
            request.header("Authorization", "Bearer " + config.token());
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw DeliveryException.retry("POST " + config.url() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryException.retry("POST " + config.url() + " interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        String reason = "POST " + config.url() + " answered " + status + ": " + excerpt(response.body());
        if (POISON.contains(status)) {
            throw DeliveryException.poisoned(reason);
        }
        throw DeliveryException.retry(reason, null);
    }

    private static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        String oneLine = body.replace('\n', ' ').replace('\r', ' ').strip();
        return oneLine.length() <= REASON_CHARS ? oneLine : oneLine.substring(0, REASON_CHARS) + "...";
    }

    @Override
    public void close() {
        // HttpClient of Java 17 holds no resource to release beyond its idle connections, dropped with it.
    }
}
