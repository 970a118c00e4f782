package io.minewatch.simulators.scenario;

import io.minewatch.config.ConfigProblem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Typed access to one YAML mapping of a scenario file. Unknown keys and bad values become problems (file, line, key,
 * value, expected) and the getter returns empty, so that one pass reports everything wrong.
 */
final class Fields {

    static final String DURATION_EXPECTED = "a duration such as 500ms, 20s, 5m, 3h or 2d";
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    /** Every problem of one file. */
    static final class Problems {
        private final Path file;
        private final List<ConfigProblem> list = new ArrayList<>();

        Problems(Path file) {
            this.file = file;
        }

        void add(Node node, String key, String value, String expected) {
            list.add(new ConfigProblem(file, node == null ? 0 : node.getStartMark().getLine() + 1, key, value,
                    expected));
        }

        List<ConfigProblem> list() {
            return list;
        }
    }

    private final Problems problems;
    private final String path;
    private final Node node;
    private final Map<String, Node> values = new LinkedHashMap<>();

    Fields(Problems problems, String path, Node node, List<String> knownKeys) {
        this.problems = problems;
        this.path = path;
        this.node = node;
        if (!(node instanceof MappingNode mapping)) {
            problems.add(node, path, describe(node), "a mapping of " + String.join(", ", knownKeys));
            return;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : describe(tuple.getKeyNode());
            if (!knownKeys.contains(key)) {
                problems.add(tuple.getKeyNode(), key(key), key, "one of " + String.join(", ", knownKeys));
            } else if (values.put(key, tuple.getValueNode()) != null) {
                problems.add(tuple.getKeyNode(), key(key), key, "each key once");
            }
        }
    }

    String key(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    Node node() {
        return node;
    }

    boolean has(String name) {
        return values.containsKey(name) && !isNull(values.get(name));
    }

    Optional<String> string(String name, boolean required) {
        Node value = values.get(name);
        if (value == null || isNull(value)) {
            if (required) {
                problems.add(node, key(name), "", "a value: " + name + " is required here");
            }
            return Optional.empty();
        }
        if (!(value instanceof ScalarNode scalar)) {
            problems.add(value, key(name), describe(value), "a single value");
            return Optional.empty();
        }
        return Optional.of(scalar.getValue());
    }

    Optional<Double> number(String name, boolean required, double min, double max) {
        return string(name, required).flatMap(text -> {
            try {
                double parsed = Double.parseDouble(text);
                if (parsed >= min && parsed <= max) {
                    return Optional.of(parsed);
                }
            } catch (NumberFormatException e) {
                // reported below, with the expected range
            }
            problems.add(values.get(name), key(name), text, "a number from " + trim(min) + " to " + trim(max));
            return Optional.empty();
        });
    }

    Optional<Duration> duration(String name, boolean required) {
        return string(name, required).flatMap(text -> {
            Optional<Duration> parsed = parseDuration(text);
            if (parsed.isEmpty()) {
                problems.add(values.get(name), key(name), text, DURATION_EXPECTED);
            }
            return parsed;
        });
    }

    /** A value out of {@code choices}, compared lower-case. */
    Optional<String> choice(String name, boolean required, List<String> choices) {
        return string(name, required).flatMap(text -> {
            if (choices.contains(text)) {
                return Optional.of(text);
            }
            problems.add(values.get(name), key(name), text, "one of " + String.join(", ", choices));
            return Optional.empty();
        });
    }

    /** The items of a sequence; empty (and a problem when required) when absent or not a sequence. */
    List<Node> sequence(String name, boolean required) {
        Node value = values.get(name);
        if (value == null || isNull(value)) {
            if (required) {
                problems.add(node, key(name), "", "a list: " + name + " is required here");
            }
            return List.of();
        }
        if (!(value instanceof SequenceNode sequence)) {
            problems.add(value, key(name), describe(value), "a list");
            return List.of();
        }
        return sequence.getValue();
    }

    void problem(String name, String value, String expected) {
        Node at = values.getOrDefault(name, node);
        problems.add(at, key(name), value, expected);
    }

    static Optional<Duration> parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        });
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && "tag:yaml.org,2002:null".equals(scalar.getTag().getValue());
    }

    static String describe(Node node) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        return node instanceof SequenceNode ? "a list" : "a mapping";
    }

    private static String trim(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
