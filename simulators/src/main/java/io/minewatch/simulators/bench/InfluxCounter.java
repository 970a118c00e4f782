package io.minewatch.simulators.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Counts what a system stored, through InfluxDB 1.x's HTTP query API, and prepares empty databases. */
final class InfluxCounter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    InfluxCounter(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Drops and creates {@code database}, so that a run counts only its own points. */
    void recreate(String database) throws IOException, InterruptedException {
        query(null, "DROP DATABASE \"" + database + "\"", true);
        query(null, "CREATE DATABASE \"" + database + "\"", true);
    }

    /** CH4 readings stored under {@code site}. */
    long countReadings(String database, String site) throws IOException, InterruptedException {
        JsonNode result = query(database, "SELECT count(value) FROM ch4 WHERE site='" + site + "'", false);
        JsonNode values = result.path("results").path(0).path("series").path(0).path("values").path(0);
        return values.isMissingNode() ? 0 : values.path(1).asLong();
    }

    private JsonNode query(String database, String q, boolean post) throws IOException, InterruptedException {
        String url = baseUrl + "/query?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
                + (database == null ? "" : "&db=" + URLEncoder.encode(database, StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        request = post ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET();
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("InfluxDB at " + baseUrl + " answered " + response.statusCode() + " to " + q + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }
}
