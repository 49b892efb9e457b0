package io.lifestage.engine.classify;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A rule pack that cannot be used; lists every problem found, not just the first. */
public final class RulePackException extends RuntimeException {

    private final transient List<RuleProblem> problems;

    RulePackException(Path directory, List<RuleProblem> problems) {
        super("rule pack " + directory + " has " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + ":\n" + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** The problems, in file and line order. */
    public List<RuleProblem> problems() {
        return problems;
    }
}
