package io.minewatch.gateway.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.minewatch.config.StorageConfig.InfluxDbConfig;
import io.minewatch.gateway.storage.StoreUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * InfluxDB 1.x {@code /query} with {@code chunked=true}: the answer is a stream of JSON documents of at most
 * {@link #CHUNK_ROWS} rows each, parsed here token by token, so a query of any length holds one row at a time.
 * influxdb-java buffers every chunk it parses into a {@code QueryResult}; this stays pull-based instead, which lets a
 * caller merge several streams and apply back-pressure to InfluxDB simply by reading slower.
 */
final class InfluxHttp {

    static final int CHUNK_ROWS = 10_000;

    /** Receives the rows of one query; {@code series} is the measurement, {@code row} the cells in column order. */
    interface RowHandler {
        void row(String series, List<Object> row) throws IOException;
    }

    /** Receives the rows of a {@code GROUP BY} tag query: {@code tags} are the group's tag values. */
    interface TaggedRowHandler {
        void row(String series, Map<String, String> tags, List<Object> row) throws IOException;
    }

    private final HttpClient client;
    private final String base;
    private final String database;
    private final String authorization;
    private final Duration timeout;

    InfluxHttp(InfluxDbConfig config, Duration timeout) {
        Objects.requireNonNull(config, "config");
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String url = config.url().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.database = config.database();
        this.timeout = timeout;
        this.authorization = config.username() == null || config.username().isBlank() ? null
                : "Basic " + Base64.getEncoder().encodeToString((config.username() + ":"
                        + (config.password() == null ? "" : config.password())).getBytes(StandardCharsets.UTF_8));
    }

    String endpoint() {
        return base;
    }

    /** Streams the rows of a SELECT to {@code handler}; fails on an error InfluxDB reports, even mid-stream. */
    void select(String influxQl, RowHandler handler) throws StoreUnavailableException, IOException {
        selectTagged(influxQl, (series, tags, row) -> handler.row(series, row));
    }

    /** As {@link #select}, with the tags of each series' group. */
    void selectTagged(String influxQl, TaggedRowHandler handler) throws StoreUnavailableException, IOException {
        HttpRequest request = request("GET", influxQl, true);
        HttpResponse<InputStream> response = send(request, influxQl);
        try (InputStream body = response.body(); JsonParser parser = new JsonFactory().createParser(body)) {
            if (response.statusCode() / 100 != 2) {
                throw new StoreUnavailableException("InfluxDB " + base + " answered " + response.statusCode()
                        + " to " + influxQl + ": " + new String(body.readNBytes(500), StandardCharsets.UTF_8), null);
            }
            readChunks(parser, handler, influxQl);
        }
    }

    /** Runs a statement that returns no rows ({@code SELECT ... INTO}, {@code CREATE ...}); POST as InfluxDB wants. */
    void execute(String influxQl) throws StoreUnavailableException {
        HttpResponse<InputStream> response = send(request("POST", influxQl, false), influxQl);
        try (InputStream body = response.body(); JsonParser parser = new JsonFactory().createParser(body)) {
            if (response.statusCode() / 100 != 2) {
                throw new StoreUnavailableException("InfluxDB " + base + " answered " + response.statusCode()
                        + " to " + influxQl + ": " + new String(body.readNBytes(500), StandardCharsets.UTF_8), null);
            }
            readChunks(parser, (series, tags, row) -> { }, influxQl);
        } catch (IOException e) {
            throw new StoreUnavailableException("InfluxDB " + base + " answer to " + influxQl + " unreadable: " + e, e);
        }
    }

    private HttpRequest request(String method, String influxQl, boolean chunked) {
        String query = "db=" + encode(database) + "&epoch=ms&q=" + encode(influxQl)
                + (chunked ? "&chunked=true&chunk_size=" + CHUNK_ROWS : "");
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + "/query?" + query)).timeout(timeout);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return "POST".equals(method) ? builder.POST(HttpRequest.BodyPublishers.noBody()).build()
                : builder.GET().build();
    }

    private HttpResponse<InputStream> send(HttpRequest request, String influxQl) throws StoreUnavailableException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new StoreUnavailableException("InfluxDB " + base + " unreachable for " + influxQl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("InfluxDB " + base + " query interrupted: " + influxQl, e);
        }
    }

    /** {"results":[{"statement_id":0,"series":[{"name":..,"columns":[..],"values":[[..],..]}],"error":..}]} ... */
    private void readChunks(JsonParser parser, TaggedRowHandler handler, String influxQl)
            throws IOException, StoreUnavailableException {
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.getCurrentName();
                parser.nextToken();
                if ("results".equals(field)) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        readResult(parser, handler, influxQl);
                    }
                } else if ("error".equals(field)) {
                    throw new StoreUnavailableException("InfluxDB " + base + " query failed: " + parser.getText()
                            + " (" + influxQl + ")", null);
                } else {
                    parser.skipChildren();
                }
            }
        }
    }

    private void readResult(JsonParser parser, TaggedRowHandler handler, String influxQl)
            throws IOException, StoreUnavailableException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.getCurrentName();
            parser.nextToken();
            if ("series".equals(field)) {
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    readSeries(parser, handler);
                }
            } else if ("error".equals(field)) {
                throw new StoreUnavailableException("InfluxDB " + base + " query failed: " + parser.getText()
                        + " (" + influxQl + ")", null);
            } else {
                parser.skipChildren();
            }
        }
    }

    private static void readSeries(JsonParser parser, TaggedRowHandler handler) throws IOException {
        String name = "";
        Map<String, String> tags = Map.of();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.getCurrentName();
            parser.nextToken();
            if ("name".equals(field)) {
                name = parser.getText();
            } else if ("tags".equals(field) && parser.currentToken() == JsonToken.START_OBJECT) {
                Map<String, String> read = new HashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String tag = parser.getCurrentName();
                    parser.nextToken();
                    read.put(tag, parser.getText());
                }
                tags = read;
            } else if ("values".equals(field)) {
                List<Object> row = new ArrayList<>(8);
                while (parser.nextToken() == JsonToken.START_ARRAY) {
                    row.clear();
                    for (JsonToken cell = parser.nextToken(); cell != JsonToken.END_ARRAY; cell = parser.nextToken()) {
                        row.add(switch (cell) {
                            case VALUE_NUMBER_INT -> parser.getLongValue();
                            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
                            case VALUE_STRING -> parser.getText();
                            case VALUE_TRUE -> Boolean.TRUE;
                            case VALUE_FALSE -> Boolean.FALSE;
                            default -> null;
                        });
                    }
                    handler.row(name, tags, row);
                }
            } else {
                parser.skipChildren();
            }
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
