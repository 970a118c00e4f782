package io.minewatch.gateway.web;

import io.netty.handler.codec.http.HttpResponseStatus;

/** A request that cannot be served as asked: answered with {@link #status()} and the message as {@code error}. */
public class ApiException extends RuntimeException {

    private final HttpResponseStatus status;

    public ApiException(HttpResponseStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpResponseStatus status() {
        return status;
    }
}
