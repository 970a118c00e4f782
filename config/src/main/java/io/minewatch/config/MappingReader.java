package io.minewatch.config;

import io.minewatch.config.ParseContext.Scalar;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Typed access to one YAML mapping, by key. Keys outside the known set, repeated keys and keys that are not plain
 * words are reported when the reader is made; each getter reports a bad value and returns empty, so callers carry on.
 * Null values ({@code key:} or {@code key: ~}) count as absent.
 */
final class MappingReader {

    /** Site, sensor, collector and profile ids: they become MQTT topic levels, so no {@code /}, {@code +}, {@code #}. */
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    static final String IDENTIFIER_EXPECTED = "an id matching [A-Za-z0-9][A-Za-z0-9_.-]* (no '/', '+', '#', spaces)";

    /** One key of a free-form mapping (the profiles by name). */
    record Entry(String key, Node keyNode, Node value) {
    }

    private final ParseContext context;
    private final String path;
    private final MappingNode node;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** @param knownKeys the keys allowed here; null for a free-form mapping such as {@code profiles} */
    MappingReader(ParseContext context, String path, MappingNode node, List<String> knownKeys) {
        this.context = context;
        this.path = path;
        this.node = node;
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalarKey) || ParseContext.isNull(keyNode)) {
                context.problem(keyNode, path, ParseContext.describe(keyNode), "a plain key");
                continue;
            }
            String key = scalarKey.getValue();
            if ("<<".equals(key)) {
                context.problem(keyNode, path(key), key, "keys written out: YAML merge keys are not supported");
                continue;
            }
            if (knownKeys != null && !knownKeys.contains(key)) {
                context.problem(keyNode, path(key), key, unknownKeyExpectation(key, knownKeys));
                continue;
            }
            Entry previous = entries.put(key, new Entry(key, keyNode, tuple.getValueNode()));
            if (previous != null) {
                context.problem(keyNode, path(key), key, "each key once (first given on line "
                        + ParseContext.line(previous.keyNode()) + ")");
            }
        }
    }

    private static String unknownKeyExpectation(String key, List<String> knownKeys) {
        String known = "known keys here: " + String.join(", ", knownKeys);
        return Suggestions.nearest(key, knownKeys).map(near -> "did you mean '" + near + "'? " + known).orElse(known);
    }

    /** Dotted path of this mapping, e.g. {@code sites[0]}. */
    String path() {
        return path;
    }

    /** Dotted path of one of its keys, e.g. {@code sites[0].sensors}. */
    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    int line() {
        return ParseContext.line(node);
    }

    ParseContext context() {
        return context;
    }

    /** The keys in file order, for free-form mappings. */
    List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** The value of {@code key} unless absent or null. */
    Optional<Node> node(String key) {
        Entry entry = entries.get(key);
        return entry == null || ParseContext.isNull(entry.value()) ? Optional.empty() : Optional.of(entry.value());
    }

    boolean has(String key) {
        return node(key).isPresent();
    }

    /** Reports {@code key} as missing, at this mapping's line. */
    void missing(String key, String expected) {
        context.problem(line(), path(key), "", expected);
    }

    Optional<Scalar> scalar(String key, String expected) {
        return node(key).flatMap(value -> context.scalar(value, path(key), expected));
    }

    Optional<String> string(String key) {
        return scalar(key, "a single value").map(Scalar::text);
    }

    /** A required value; a problem naming {@code expected} when it is absent. */
    Optional<String> requiredString(String key, String expected) {
        if (!has(key)) {
            missing(key, expected + " (required)");
            return Optional.empty();
        }
        return scalar(key, expected).map(Scalar::text);
    }

    /** An id (see {@link #IDENTIFIER}); {@code required} reports its absence. */
    Optional<String> identifier(String key, boolean required) {
        if (!has(key)) {
            if (required) {
                missing(key, IDENTIFIER_EXPECTED + " (required)");
            }
            return Optional.empty();
        }
        return scalar(key, IDENTIFIER_EXPECTED).flatMap(s -> check(key, s, IDENTIFIER.matcher(s.text()).matches(),
                IDENTIFIER_EXPECTED).map(Scalar::text));
    }

    OptionalInt integer(String key, int min, int max) {
        String expected = "an integer from " + min + " to " + max;
        Optional<Scalar> scalar = scalar(key, expected);
        if (scalar.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int value = Integer.parseInt(scalar.get().text().trim());
            if (value >= min && value <= max) {
                return OptionalInt.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        report(key, scalar.get(), expected);
        return OptionalInt.empty();
    }

    /** A finite number; {@code required} reports its absence. */
    OptionalDouble number(String key, boolean required) {
        String expected = "a finite number";
        if (!has(key)) {
            if (required) {
                missing(key, expected + " (required)");
            }
            return OptionalDouble.empty();
        }
        Optional<Scalar> scalar = scalar(key, expected);
        if (scalar.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            double value = Double.parseDouble(scalar.get().text().trim());
            if (Double.isFinite(value)) {
                return OptionalDouble.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        report(key, scalar.get(), expected);
        return OptionalDouble.empty();
    }

    /** A duration (see {@link Durations}); {@code positive} also rejects zero. */
    Optional<Duration> duration(String key, boolean positive) {
        String expected = (positive ? "a positive " : "") + Durations.EXPECTED;
        return scalar(key, expected).flatMap(s -> {
            Optional<Duration> duration = Durations.parse(s.text()).filter(d -> !positive || !d.isZero());
            if (duration.isEmpty()) {
                report(key, s, expected);
            }
            return duration;
        });
    }

    /** A file path, resolved against the configuration file's directory when relative. */
    Optional<Path> path(String key, String expected) {
        return scalar(key, expected).flatMap(s -> {
            try {
                if (!s.text().isBlank()) {
                    return Optional.of(context.resolve(s.text().trim()));
                }
            } catch (InvalidPathException e) {
                // reported below
            }
            report(key, s, expected);
            return Optional.empty();
        });
    }

    /** A URI whose scheme is one of {@code schemes}, with a host and, if {@code portRequired}, a port. */
    Optional<URI> uri(String key, List<String> schemes, boolean portRequired) {
        String example = schemes.get(0) + "://127.0.0.1" + (portRequired ? ":1883" : "");
        String expected = "a URL " + String.join("|", schemes) + "://HOST" + (portRequired ? ":PORT" : "[:PORT]")
                + " such as " + example;
        return scalar(key, expected).flatMap(s -> {
            try {
                URI uri = new URI(s.text().trim());
                boolean ok = uri.getScheme() != null && schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                        && uri.getHost() != null && (!portRequired || uri.getPort() > 0);
                if (ok) {
                    return Optional.of(uri);
                }
            } catch (URISyntaxException e) {
                // reported below
            }
            report(key, s, expected);
            return Optional.empty();
        });
    }

    /** One of a fixed set of words, looked up by {@code lookup}; {@code required} reports its absence. */
    <E> Optional<E> choice(String key, Function<String, Optional<E>> lookup, String expected, boolean required) {
        if (!has(key)) {
            if (required) {
                missing(key, expected + " (required)");
            }
            return Optional.empty();
        }
        return scalar(key, expected).flatMap(s -> {
            Optional<E> value = lookup.apply(s.text());
            if (value.isEmpty()) {
                report(key, s, expected);
            }
            return value;
        });
    }

    /** The nested mapping under {@code key}, restricted to {@code knownKeys}; empty when absent or not a mapping. */
    Optional<MappingReader> mapping(String key, String... knownKeys) {
        return node(key).flatMap(value -> context.mapping(value, path(key), knownKeys));
    }

    /** The nested free-form mapping under {@code key}; empty when absent or not a mapping. */
    Optional<MappingReader> freeMapping(String key, String expected) {
        return node(key).flatMap(value -> {
            if (value instanceof MappingNode mapping) {
                return Optional.of(new MappingReader(context, path(key), mapping, null));
            }
            context.problem(value, path(key), ParseContext.describe(value), expected);
            return Optional.empty();
        });
    }

    /** The list under {@code key}; empty when absent or not a list. */
    Optional<List<Node>> list(String key, String expected) {
        return node(key).flatMap(value -> context.sequence(value, path(key), expected));
    }

    /** Each item of the list under {@code key} as a mapping restricted to {@code knownKeys}, with its index. */
    List<Item> mappings(String key, String... knownKeys) {
        List<Item> items = new ArrayList<>();
        List<Node> nodes = list(key, "a list of mappings with keys " + String.join(", ", knownKeys)).orElse(List.of());
        for (int i = 0; i < nodes.size(); i++) {
            int index = i;
            context.mapping(nodes.get(i), path(key) + "[" + i + "]", knownKeys)
                    .ifPresent(reader -> items.add(new Item(index, reader)));
        }
        return items;
    }

    /** A list of strings; empty when absent or when any item is not a single value. */
    Optional<List<String>> strings(String key, String expected) {
        Optional<List<Node>> nodes = list(key, "a list of " + expected);
        if (nodes.isEmpty()) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < nodes.get().size(); i++) {
            Optional<Scalar> item = context.scalar(nodes.get().get(i), path(key) + "[" + i + "]", expected);
            ok &= item.isPresent();
            item.ifPresent(s -> values.add(s.text()));
        }
        return ok ? Optional.of(values) : Optional.empty();
    }

    /** Reports the value of {@code key}, as written, as not {@code expected}; nothing when the key is absent. */
    void reject(String key, String expected) {
        node(key).ifPresent(value -> context.problem(value, path(key), ParseContext.describe(value), expected));
    }

    /** Reports {@code value} of {@code key} as not {@code expected}. */
    void report(String key, Scalar value, String expected) {
        context.problem(value.node(), path(key), value.shown(), expected);
    }

    private Optional<Scalar> check(String key, Scalar value, boolean ok, String expected) {
        if (!ok) {
            report(key, value, expected);
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** A mapping found at {@code index} of a list. */
    record Item(int index, MappingReader reader) {
    }
}
