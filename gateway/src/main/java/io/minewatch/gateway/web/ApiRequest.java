package io.minewatch.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.gateway.auth.Session;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * One API request as a route sees it.
 *
 * @param variables the path's {@code {name}} segments, decoded
 * @param session   the logged-in user; present on every route that needs a permission
 * @param loopback  the client is on the gateway's own host
 */
public record ApiRequest(HttpMethod method, String path, QueryParams params, Map<String, String> variables,
        HttpHeaders headers, byte[] body, Optional<Session> session, boolean loopback, ObjectMapper mapper) {

    public String variable(String name) {
        String value = variables.get(name);
        if (value == null) {
            throw new IllegalStateException("route variable " + name + " is not in the pattern");
        }
        return value;
    }

    /** The authenticated user; only called on routes that need a permission, where one is always present. */
    public Session user() {
        return session.orElseThrow(() -> new IllegalStateException("route without permission asks for a user"));
    }

    /** The body as a JSON object; an empty body is an empty object. */
    public JsonNode jsonBody() {
        if (body.length == 0) {
            return mapper.createObjectNode();
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw new BadRequestException("body : " + (node == null ? "empty" : node.getNodeType()
                        .name().toLowerCase()) + " (expected: a JSON object)");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadRequestException("body : not JSON (expected: a JSON object; " + e.getOriginalMessage()
                    + ")");
        } catch (IOException e) {
            throw new BadRequestException("body : unreadable (expected: a JSON object)");
        }
    }
}
