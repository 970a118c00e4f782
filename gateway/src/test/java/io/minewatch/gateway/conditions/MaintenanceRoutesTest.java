package io.minewatch.gateway.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.gateway.maintenance.MaintenanceRoutes;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaintenanceRoutesTest {

    private static final String SITES = """
            sites:
              - id: CM01
                type: coal_mine
                sensors:
                  - { id: CM01-CH4-T1, kind: ch4 }
            """;
    private static final String PATH = "/api/sensors/CM01-CH4-T1/maintenance";

    @TempDir
    Path dir;

    private final ObjectMapper mapper = new ObjectMapper();

    private FullHttpResponse call(MaintenanceRoutes routes, HttpMethod method, String uri, String body) {
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        try {
            return routes.handle(request);
        } finally {
            request.release();
        }
    }

    private JsonNode json(FullHttpResponse response) throws Exception {
        try {
            return mapper.readTree(response.content().toString(StandardCharsets.UTF_8));
        } finally {
            response.release();
        }
    }

    @Test
    void postStartsAWindowShownInTheSensorRowAndDeleteEndsIt() throws Exception {
        ConditionsRig rig = new ConditionsRig(SITES, dir);
        MaintenanceRoutes routes = new MaintenanceRoutes(rig.maintenance, mapper);

        // the rig's clock is at 08:00Z: a window ending at 10:00+02:00 would already be over
        FullHttpResponse past = call(routes, HttpMethod.POST, PATH,
                "{\"reason\": \"calibration\", \"until\": \"2026-11-23T10:00:00+02:00\", \"by\": \"Wang Li\"}");
        assertThat(past.status().code()).isEqualTo(400);
        past.release();

        FullHttpResponse created = call(routes, HttpMethod.POST, PATH,
                "{\"reason\": \"calibration\", \"until\": \"2026-11-23T11:00:00+02:00\", \"by\": \"Wang Li\"}");
        assertThat(created.status().code()).isEqualTo(201);
        assertThat(json(created).path("until").asText()).isEqualTo("2026-11-23T09:00:00Z");
        assertThat(rig.maintenance.active("CM01-CH4-T1")).isNotNull();
        ObjectNode row = mapper.createObjectNode();
        routes.describe("CM01-CH4-T1", row);
        assertThat(row.path("maintenance").path("reason").asText()).isEqualTo("calibration");
        assertThat(row.path("maintenance").path("by").asText()).isEqualTo("Wang Li");
        assertThat(row.path("maintenance").path("suppressed_alarms").asLong()).isZero();

        FullHttpResponse ended = call(routes, HttpMethod.DELETE, PATH + "?by=Zhao%20Min", "");
        assertThat(ended.status().code()).isEqualTo(200);
        ended.release();
        ObjectNode after = mapper.createObjectNode();
        routes.describe("CM01-CH4-T1", after);
        assertThat(after.get("maintenance").isNull()).isTrue();
        assertThat(rig.emitted.get(rig.emitted.size() - 1).details()).containsEntry("ended", "ended early by Zhao Min");
    }

    @Test
    void rejectsBadRequestsWithAReason() throws Exception {
        ConditionsRig rig = new ConditionsRig(SITES, dir);
        MaintenanceRoutes routes = new MaintenanceRoutes(rig.maintenance, mapper);

        FullHttpResponse unknown = call(routes, HttpMethod.POST, "/api/sensors/NOPE/maintenance",
                "{\"until\": \"2026-11-24T00:00:00Z\"}");
        assertThat(unknown.status().code()).isEqualTo(404);
        unknown.release();
        FullHttpResponse noUntil = call(routes, HttpMethod.POST, PATH, "{\"reason\": \"x\"}");
        assertThat(noUntil.status().code()).isEqualTo(400);
        assertThat(json(noUntil).path("error").asText()).startsWith("until : ");
        FullHttpResponse notJson = call(routes, HttpMethod.POST, PATH, "calibrate please");
        assertThat(notJson.status().code()).isEqualTo(400);
        notJson.release();
        FullHttpResponse none = call(routes, HttpMethod.DELETE, PATH, "");
        assertThat(none.status().code()).isEqualTo(404);
        none.release();
        assertThat(MaintenanceRoutes.matches(PATH)).isTrue();
        assertThat(MaintenanceRoutes.matches("/api/sensors")).isFalse();
    }
}
