package io.minewatch.gateway.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.config.quantity.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The maintenance windows on disk, {@code <storage.local.path>/maintenance.json}, so that they survive a restart:
 * the windows in force, and the configured windows that were ended early through the API (which a restart must not
 * start again). Written whole to a temporary file and moved over the old one, so a crash leaves the old or the new.
 */
public final class MaintenanceStore {

    static final String FILE_NAME = "maintenance.json";

    /** What the file holds. */
    public record State(List<Maintenance> windows, Set<String> endedConfigured) {

        public static final State EMPTY = new State(List.of(), Set.of());

        public State {
            windows = List.copyOf(windows);
            endedConfigured = Set.copyOf(endedConfigured);
        }
    }

    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper();

    public MaintenanceStore(Path directory) {
        this.file = directory.resolve(FILE_NAME);
    }

    /** Key of a configured window in {@link State#endedConfigured()}. */
    static String configuredKey(String sensor, long untilMillis) {
        return sensor + "@" + untilMillis;
    }

    public State load() throws IOException {
        if (!Files.exists(file)) {
            return State.EMPTY;
        }
        JsonNode root = mapper.readTree(file.toFile());
        List<Maintenance> windows = new ArrayList<>();
        for (JsonNode w : root.path("windows")) {
            Kind kind = Kind.byId(w.path("kind").asText()).orElseThrow(() -> new IOException(file + ": kind : "
                    + w.path("kind").asText() + " (expected: a kind id)"));
            windows.add(new Maintenance(w.path("sensor").asText(), w.path("site").asText(), kind,
                    w.path("reason").asText(), w.path("by").asText(), w.path("started_at").asLong(),
                    w.path("until").asLong(), w.path("alarm_id").asText()));
        }
        Set<String> ended = new LinkedHashSet<>();
        for (JsonNode key : root.path("ended_configured")) {
            ended.add(key.asText());
        }
        return new State(windows, ended);
    }

    public void save(Collection<Maintenance> windows, Set<String> endedConfigured) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode array = root.putArray("windows");
        for (Maintenance m : windows) {
            array.addObject().put("sensor", m.sensor()).put("site", m.site()).put("kind", m.kind().id())
                    .put("reason", m.reason()).put("by", m.by()).put("started_at", m.startedAtMillis())
                    .put("until", m.untilMillis()).put("alarm_id", m.alarmId());
        }
        ArrayNode ended = root.putArray("ended_configured");
        endedConfigured.forEach(ended::add);
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
            Files.write(temporary, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("maintenance windows not saved to " + file, e);
        }
    }
}
