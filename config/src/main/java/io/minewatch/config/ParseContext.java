package io.minewatch.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One pass over one configuration file: where relative paths start, where {@code ${NAME}} values come from, and the
 * problems found so far. Readers report a problem and carry on, so that one pass finds them all.
 */
final class ParseContext {

    /** A scalar value after placeholder substitution; {@code shown} is how a problem quotes it. */
    record Scalar(String text, String shown, Node node) {
    }

    private final Path file;
    private final Path baseDirectory;
    private final Function<String, String> environment;
    private final List<ConfigProblem> problems = new ArrayList<>();

    ParseContext(Path file, Function<String, String> environment) {
        this.file = file;
        Path parent = file.toAbsolutePath().normalize().getParent();
        this.baseDirectory = parent == null ? Path.of("").toAbsolutePath() : parent;
        this.environment = environment;
    }

    Path file() {
        return file;
    }

    /** Relative paths in the file resolve against the file's own directory. */
    Path resolve(String path) {
        return baseDirectory.resolve(path).normalize();
    }

    void problem(Node at, String key, String value, String expected) {
        problem(line(at), key, value, expected);
    }

    void problem(int line, String key, String value, String expected) {
        problems.add(new ConfigProblem(file, line, key, value, expected));
    }

    boolean hasProblems() {
        return !problems.isEmpty();
    }

    int problemCount() {
        return problems.size();
    }

    /** Every problem, ordered by line (stable within a line). */
    List<ConfigProblem> problems() {
        List<ConfigProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(ConfigProblem::line));
        return List.copyOf(sorted);
    }

    static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    static boolean isNull(Node node) {
        return node == null || node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    /** How a problem quotes a node that is not a single value. */
    static String describe(Node node) {
        if (node instanceof MappingNode mapping) {
            return mapping.getValue().isEmpty() ? "{}" : "<a mapping>";
        }
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue().isEmpty() ? "[]" : "<a list>";
        }
        return node instanceof ScalarNode scalar ? scalar.getValue() : "<" + node.getNodeId() + ">";
    }

    /** The single value of {@code node} with placeholders substituted, or empty (and a problem) when it has none. */
    Optional<Scalar> scalar(Node node, String key, String expected) {
        if (!(node instanceof ScalarNode scalar)) {
            problem(node, key, describe(node), expected);
            return Optional.empty();
        }
        String raw = scalar.getValue();
        Placeholders.Result result = Placeholders.substitute(raw, environment);
        if (result.malformed() != null) {
            problem(node, key, raw, "a placeholder of the form ${NAME}, or $${ for a literal ${, not "
                    + result.malformed());
            return Optional.empty();
        }
        if (!result.ok()) {
            problem(node, key, raw, "environment variable" + (result.unset().size() > 1 ? "s " : " ")
                    + String.join(", ", result.unset()) + " to be set");
            return Optional.empty();
        }
        String shown = raw.equals(result.text()) ? raw : raw + " = " + result.text();
        return Optional.of(new Scalar(result.text(), shown, node));
    }

    /** {@code node} as a mapping restricted to {@code knownKeys}, or empty (and a problem) when it is no mapping. */
    Optional<MappingReader> mapping(Node node, String key, String... knownKeys) {
        if (!(node instanceof MappingNode mapping)) {
            problem(node, key, describe(node), "a mapping with keys " + String.join(", ", knownKeys));
            return Optional.empty();
        }
        return Optional.of(new MappingReader(this, key, mapping, List.of(knownKeys)));
    }

    /** The items of {@code node} when it is a list, or empty (and a problem) when it is not. */
    Optional<List<Node>> sequence(Node node, String key, String expected) {
        if (!(node instanceof SequenceNode sequence)) {
            problem(node, key, describe(node), expected);
            return Optional.empty();
        }
        return Optional.of(sequence.getValue());
    }
}
