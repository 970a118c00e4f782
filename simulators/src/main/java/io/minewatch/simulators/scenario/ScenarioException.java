package io.minewatch.simulators.scenario;

import io.minewatch.config.ConfigProblem;
import java.util.List;

/** A scenario file that cannot be run, with every problem found in it, one per line. */
public final class ScenarioException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public ScenarioException(List<ConfigProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String message(List<ConfigProblem> problems) {
        StringBuilder text = new StringBuilder("invalid scenario, ").append(problems.size())
                .append(problems.size() == 1 ? " problem:" : " problems:");
        for (ConfigProblem problem : problems) {
            text.append('\n').append(problem);
        }
        return text.toString();
    }
}
