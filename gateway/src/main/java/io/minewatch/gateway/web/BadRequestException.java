package io.minewatch.gateway.web;

import io.netty.handler.codec.http.HttpResponseStatus;

/** A request parameter is missing or malformed; answered with 400 and the message. */
public final class BadRequestException extends ApiException {

    public BadRequestException(String message) {
        super(HttpResponseStatus.BAD_REQUEST, message);
    }
}
