package io.minewatch.config;

import java.util.Objects;

/** Where the HTTP API and control-room page listen. Defaults: {@code 127.0.0.1:8080}. */
public record HttpConfig(String bind, int port) {

    public static final HttpConfig DEFAULT = new HttpConfig("127.0.0.1", 8080);

    public HttpConfig {
        Objects.requireNonNull(bind, "bind");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port : " + port + " (expected: 0..65535, 0 for any free port)");
        }
    }
}
