package io.minewatch.config;

import java.util.List;
import java.util.Objects;

/**
 * A configuration that cannot be used. Carries every problem found in one pass over the file, so that an operator
 * fixes them all at once; the message lists each on its own line as {@code FILE:LINE: KEY: 'VALUE' (expected: ...)}.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, in the order of their lines in the file. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String message(List<ConfigProblem> problems) {
        Objects.requireNonNull(problems, "problems");
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems : [] (expected: at least one problem)");
        }
        StringBuilder text = new StringBuilder("invalid configuration, ").append(problems.size())
                .append(problems.size() == 1 ? " problem:" : " problems:");
        for (ConfigProblem problem : problems) {
            text.append('\n').append(problem);
        }
        return text.toString();
    }
}
