package io.minewatch.gateway.web;

/** Answers one route. Runs on the API worker threads, so it may block briefly (a store query, an acknowledgement). */
@FunctionalInterface
public interface RouteHandler {

    ApiResponse handle(ApiRequest request) throws Exception;
}
