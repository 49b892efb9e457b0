package io.lifestage.engine.classify;

import io.lifestage.api.LifestageException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A rule pack that cannot be used ({@code LS-RULE-0100}); lists every problem found, not just the first, each with
 * a code of its own.
 */
public final class RulePackException extends LifestageException {

    private final transient List<RuleProblem> problems;

    RulePackException(Path directory, List<RuleProblem> problems) {
        super(Kind.INVALID_RULES, "LS-RULE-0100", "rule pack " + directory + " has " + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + ":\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")), null);
        this.problems = List.copyOf(problems);
    }

    /** The problems, in file and line order. */
    public List<RuleProblem> problems() {
        return problems;
    }
}
