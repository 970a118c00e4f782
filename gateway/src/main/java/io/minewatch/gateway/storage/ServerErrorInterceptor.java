package io.minewatch.gateway.storage;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Turns an HTTP 5xx answer into an {@link IOException}. influxdb-java reports every non-2xx answer as the same
 * {@code InfluxDBException} and drops the status code; raising 5xx as I/O failures keeps "the server is in trouble,
 * try again" ({@code InfluxDBIOException}) apart from "the server refused this request" (a 4xx).
 */
final class ServerErrorInterceptor implements Interceptor {

    private static final long MAX_REASON_BYTES = 2048;

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        if (response.code() < 500) {
            return response;
        }
        try (response) {
            throw new ServerErrorException(response.code(), response.peekBody(MAX_REASON_BYTES).string().trim());
        }
    }

    /** A 5xx answer, with the status and the start of the body (InfluxDB's reason). */
    static final class ServerErrorException extends IOException {

        ServerErrorException(int status, String body) {
            super("HTTP " + status + (body.isEmpty() ? "" : ": " + body));
        }
    }
}
