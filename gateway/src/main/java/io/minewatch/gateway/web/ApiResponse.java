package io.minewatch.gateway.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a route answers: status, body bytes, content type and extra headers. */
public record ApiResponse(HttpResponseStatus status, byte[] body, String contentType, Map<String, String> headers) {

    public static final String JSON = "application/json";

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    public static ApiResponse json(ObjectMapper mapper, JsonNode body) {
        return json(mapper, HttpResponseStatus.OK, body);
    }

    public static ApiResponse json(ObjectMapper mapper, HttpResponseStatus status, JsonNode body) {
        try {
            return new ApiResponse(status, mapper.writeValueAsBytes(body), JSON, Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    public static ApiResponse text(String body, String contentType) {
        return new ApiResponse(HttpResponseStatus.OK, body.getBytes(StandardCharsets.UTF_8), contentType, Map.of());
    }

    public static ApiResponse error(ObjectMapper mapper, HttpResponseStatus status, String message) {
        return json(mapper, status, mapper.createObjectNode().put("status", status.code()).put("error", message));
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, body, contentType, more);
    }
}
