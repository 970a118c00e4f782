package io.minewatch.gateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /api/openapi.json}: the hand-written OpenAPI 3 document of every route (a test keeps it complete). */
final class OpenApiRoute {

    static final String RESOURCE = "web/openapi.json";

    private final byte[] document;

    OpenApiRoute(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + " unreadable", e);
        }
    }

    void register(Router router) {
        router.get("/api/openapi.json", null, "this API's OpenAPI 3 document",
                request -> new ApiResponse(io.netty.handler.codec.http.HttpResponseStatus.OK, document,
                        ApiResponse.JSON, java.util.Map.of()));
    }
}
