package io.minewatch.config;

import io.minewatch.config.MappingReader.Item;
import io.minewatch.config.OpcUaCollectorConfig.BrowseMapping;
import io.minewatch.config.OpcUaCollectorConfig.DeadbandType;
import io.minewatch.config.OpcUaCollectorConfig.NodeIdText;
import io.minewatch.config.OpcUaCollectorConfig.NodeMapping;
import io.minewatch.config.OpcUaCollectorConfig.Security;
import io.minewatch.config.OpcUaCollectorConfig.SecurityMode;
import io.minewatch.config.OpcUaCollectorConfig.SecurityPolicy;
import io.minewatch.config.OpcUaCollectorConfig.Subscription;
import io.minewatch.config.OpcUaCollectorConfig.Trigger;
import io.minewatch.config.quantity.Unit;
import io.minewatch.config.sites.SensorConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code collectors.opcua:}. The sensors that nodes map to can only be checked once {@code sites} is read:
 * {@link #checkSensors} does that with the references {@link #read} collected.
 */
final class OpcUaCollectorsReader {

    private static final String[] KEYS = {"name", "endpoint", "security", "security_mode", "username", "password",
        "pki_dir", "trust_on_first_use", "nodes", "browse", "publishing_interval", "sampling_interval", "queue_size",
        "deadband", "deadband_type", "trigger", "reconnect_min", "reconnect_max"};
    private static final String UNITS = Arrays.stream(Unit.values()).map(Unit::symbol)
            .collect(Collectors.joining(", "));
    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
    private static final Pattern TEMPLATE_REFERENCE = Pattern.compile("\\$(?:(\\d+)|\\{([a-zA-Z][a-zA-Z0-9]*)})");

    /** A sensor id a node maps to, where it was written, and the unit the node reports in. */
    record SensorReference(String sensor, Unit unit, Node at, String path) {
    }

    /** The collectors read, and the sensors their nodes name. */
    record Result(List<OpcUaCollectorConfig> collectors, List<SensorReference> sensors) {
    }

    private OpcUaCollectorsReader() {
    }

    /**
     * @param defaultPkiDir {@code <storage.local.path>/opcua}
     * @param names         collector names already used (MQTT ones), to keep names unique across protocols
     */
    static Result read(MappingReader collectors, Path defaultPkiDir, Map<String, String> names) {
        List<OpcUaCollectorConfig> result = new ArrayList<>();
        List<SensorReference> references = new ArrayList<>();
        for (Item item : collectors.mappings("opcua", KEYS)) {
            MappingReader opcua = item.reader();
            int before = opcua.context().problemCount();
            Optional<String> name = opcua.identifier("name", true);
            name.ifPresent(n -> {
                String first = names.putIfAbsent(n, opcua.path());
                if (first != null) {
                    opcua.reject("name", "a collector name used once (also " + first + ")");
                }
            });
            Optional<URI> endpoint = Optional.empty();
            if (opcua.has("endpoint")) {
                endpoint = opcua.uri("endpoint", List.of("opc.tcp"), false);
            } else {
                opcua.missing("endpoint", "the server's endpoint URL, opc.tcp://HOST:PORT/PATH (required)");
            }
            Security security = security(opcua, defaultPkiDir);
            List<SensorReference> sensors = new ArrayList<>();
            List<NodeMapping> nodes = nodes(opcua, sensors);
            List<BrowseMapping> browse = browse(opcua);
            if (!opcua.has("nodes") && !opcua.has("browse")) {
                opcua.missing("nodes", "nodes mapped to sensors, or a browse mapping (one of them is required)");
            }
            Subscription subscription = subscription(opcua);
            Duration reconnectMin = opcua.duration("reconnect_min", true).orElse(null);
            Duration reconnectMax = opcua.duration("reconnect_max", true).orElse(null);
            Duration min = reconnectMin == null ? OpcUaCollectorConfig.DEFAULT_RECONNECT_MIN : reconnectMin;
            if (reconnectMax != null && reconnectMax.compareTo(min) < 0) {
                opcua.reject("reconnect_max", "at least reconnect_min (" + Durations.format(min) + ")");
            }
            references.addAll(sensors);
            if (opcua.context().problemCount() > before || name.isEmpty() || endpoint.isEmpty()) {
                continue;
            }
            try {
                result.add(new OpcUaCollectorConfig(name.get(), endpoint.get(), security, nodes, browse, subscription,
                        reconnectMin, reconnectMax));
            } catch (IllegalArgumentException e) {
                // The checks above should have caught it; a record's own check is still reported, never thrown.
                opcua.context().problem(opcua.line(), opcua.path(), "", "a valid OPC UA collector (" + e.getMessage()
                        + ")");
            }
        }
        return new Result(result, references);
    }

    private static Security security(MappingReader opcua, Path defaultPkiDir) {
        SecurityPolicy policy = opcua.choice("security", SecurityPolicy::byId, "none or basic256sha256", false)
                .orElse(SecurityPolicy.NONE);
        Optional<SecurityMode> mode = opcua.choice("security_mode", SecurityMode::byId,
                policy == SecurityPolicy.NONE ? "none (with security none)" : "sign or sign_and_encrypt", false);
        if (mode.isPresent() && (policy == SecurityPolicy.NONE) != (mode.get() == SecurityMode.NONE)) {
            opcua.reject("security_mode", policy == SecurityPolicy.NONE
                    ? "no security_mode, or none, with security none (set security: basic256sha256 to sign)"
                    : "sign or sign_and_encrypt with security " + policy.id());
            mode = Optional.empty();
        }
        String username = opcua.string("username").orElse(null);
        String password = opcua.string("password").orElse(null);
        if (password != null && (username == null || username.isBlank())) {
            opcua.missing("username", "a user name, since password is set");
            password = null;
        }
        Path pkiDir = opcua.path("pki_dir", "a directory (relative paths start at the configuration file's directory)")
                .orElse(defaultPkiDir);
        boolean trustOnFirstUse = opcua.choice("trust_on_first_use", OpcUaCollectorsReader::bool, "true or false",
                false).orElse(false);
        if (trustOnFirstUse && policy == SecurityPolicy.NONE) {
            opcua.reject("trust_on_first_use", "false with security none (no server certificate is checked)");
        }
        return new Security(policy, mode.orElse(null), username, password, pkiDir, trustOnFirstUse);
    }

    private static List<NodeMapping> nodes(MappingReader opcua, List<SensorReference> sensors) {
        List<NodeMapping> nodes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Item item : opcua.mappings("nodes", "node", "sensor", "unit")) {
            MappingReader mapping = item.reader();
            Optional<String> node = nodeId(mapping, "node");
            node.filter(n -> !seen.add(n)).ifPresent(n -> mapping.reject("node", "each node once per collector"));
            Optional<String> sensor = mapping.identifier("sensor", true);
            Unit unit = unit(mapping);
            sensor.ifPresent(s -> sensors.add(new SensorReference(s, unit, mapping.node("sensor").orElseThrow(),
                    mapping.path("sensor"))));
            if (node.isPresent() && sensor.isPresent()) {
                nodes.add(new NodeMapping(node.get(), sensor.get(), unit));
            }
        }
        return nodes;
    }

    private static List<BrowseMapping> browse(MappingReader opcua) {
        List<BrowseMapping> browse = new ArrayList<>();
        for (Item item : opcua.mappings("browse", "folder", "pattern", "sensor", "unit", "depth")) {
            MappingReader mapping = item.reader();
            Optional<String> folder = nodeId(mapping, "folder");
            Optional<Pattern> pattern = mapping.requiredString("pattern",
                    "a regular expression matched against each variable's browse name, such as TP01-.*")
                    .flatMap(p -> compile(mapping, p));
            Optional<String> sensor = mapping.string("sensor");
            if (sensor.isPresent() && pattern.isPresent()) {
                sensor = checkTemplate(mapping, pattern.get(), sensor.get());
                if (sensor.isEmpty()) {
                    continue;
                }
            }
            Unit unit = unit(mapping);
            int depth = mapping.integer("depth", 1, BrowseMapping.MAX_DEPTH).orElse(BrowseMapping.DEFAULT_DEPTH);
            if (folder.isPresent() && pattern.isPresent()) {
                browse.add(new BrowseMapping(folder.get(), pattern.get().pattern(), sensor.orElse(null), unit, depth));
            }
        }
        return browse;
    }

    private static Optional<String> nodeId(MappingReader mapping, String key) {
        return mapping.requiredString(key, NodeIdText.EXPECTED).map(String::trim).flatMap(text -> {
            if (NodeIdText.isValid(text)) {
                return Optional.of(text);
            }
            mapping.reject(key, NodeIdText.EXPECTED);
            return Optional.empty();
        });
    }

    private static Optional<Pattern> compile(MappingReader mapping, String pattern) {
        try {
            return Optional.of(Pattern.compile(pattern));
        } catch (PatternSyntaxException e) {
            mapping.reject("pattern", "a regular expression (" + e.getDescription() + " at index " + e.getIndex()
                    + ")");
            return Optional.empty();
        }
    }

    /** The template when every {@code $n} and {@code ${name}} in it names a group of {@code pattern}. */
    private static Optional<String> checkTemplate(MappingReader mapping, Pattern pattern, String template) {
        Set<String> names = new HashSet<>();
        Matcher named = NAMED_GROUP.matcher(pattern.pattern());
        while (named.find()) {
            names.add(named.group(1));
        }
        int groups = pattern.matcher("").groupCount();
        Matcher reference = TEMPLATE_REFERENCE.matcher(template);
        while (reference.find()) {
            boolean ok = reference.group(1) != null ? Integer.parseInt(reference.group(1)) <= groups
                    : names.contains(reference.group(2));
            if (!ok) {
                mapping.reject("sensor", "a sensor id template whose $n and ${name} name groups of the pattern"
                        + " ($0 is the whole name; the pattern has " + groups + " groups)");
                return Optional.empty();
            }
        }
        String literal = TEMPLATE_REFERENCE.matcher(template).replaceAll("x");
        if (literal.contains("$") || !MappingReader.IDENTIFIER.matcher(literal).matches()) {
            mapping.reject("sensor", "a sensor id template such as $0 or CM01-$1 giving "
                    + MappingReader.IDENTIFIER_EXPECTED);
            return Optional.empty();
        }
        return Optional.of(template);
    }

    private static Unit unit(MappingReader mapping) {
        return mapping.choice("unit", Unit::bySymbol, "one of " + UNITS, false).orElse(null);
    }

    private static Subscription subscription(MappingReader opcua) {
        Duration publishing = opcua.duration("publishing_interval", true).orElse(null);
        Duration sampling = opcua.duration("sampling_interval", false).orElse(null);
        int queueSize = opcua.integer("queue_size", 1, 100_000).orElse(0);
        Optional<DeadbandType> type = opcua.choice("deadband_type", DeadbandType::byId, "none, absolute or percent",
                false);
        double deadband = 0;
        if (opcua.has("deadband")) {
            var value = opcua.number("deadband", false);
            if (value.isPresent() && value.getAsDouble() < 0) {
                opcua.reject("deadband", "a number >= 0, in the sensor's reporting unit (absolute) or percent");
            } else if (value.isPresent() && type.filter(DeadbandType.NONE::equals).isPresent()
                    && value.getAsDouble() != 0) {
                opcua.reject("deadband", "0, or a deadband_type of absolute or percent");
            } else if (value.isPresent() && type.filter(DeadbandType.PERCENT::equals).isPresent()
                    && value.getAsDouble() > 100) {
                opcua.reject("deadband", "0 to 100 percent of the variable's EURange");
            } else if (value.isPresent()) {
                deadband = value.getAsDouble();
            }
        }
        if (type.filter(t -> t != DeadbandType.NONE).isPresent() && !opcua.has("deadband")) {
            opcua.missing("deadband", "the deadband's size, since deadband_type is " + type.get().id());
        }
        Trigger trigger = opcua.choice("trigger", Trigger::byId, "status, status_value or status_value_timestamp",
                false).orElse(null);
        return new Subscription(publishing, sampling, queueSize, type.orElse(null), deadband, trigger);
    }

    private static Optional<Boolean> bool(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> Optional.of(true);
            case "false", "no", "off" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /**
     * Reports every node mapped to a sensor that is not registered, or in a unit its kind cannot be converted from,
     * and every sensor mapped by more than one node (their readings would interleave).
     */
    static void checkSensors(ParseContext context, List<SensorReference> references,
            Map<String, SensorConfig> registered) {
        Map<String, String> firstMapping = new HashMap<>();
        for (SensorReference reference : references) {
            SensorConfig sensor = registered.get(reference.sensor());
            if (sensor == null) {
                List<String> ids = List.copyOf(registered.keySet());
                String near = Suggestions.nearest(reference.sensor(), ids).map(n -> "did you mean '" + n + "'? ")
                        .orElse("");
                context.problem(reference.at(), reference.path(), reference.sensor(), near
                        + "a sensor registered under sites (OPC UA nodes map only to registered sensors)");
                continue;
            }
            if (reference.unit() != null && !reference.unit().convertibleTo(sensor.kind().canonicalUnit())) {
                context.problem(reference.at(), reference.path(), reference.sensor(), "a node unit convertible to "
                        + sensor.kind().canonicalUnit().symbol() + " for " + sensor.kind().id() + " sensor "
                        + sensor.id() + ", not " + reference.unit().symbol());
            }
            String first = firstMapping.putIfAbsent(reference.sensor(), reference.path());
            if (first != null) {
                context.problem(reference.at(), reference.path(), reference.sensor(),
                        "a sensor mapped by one OPC UA node only (also " + first + ")");
            }
        }
    }
}
