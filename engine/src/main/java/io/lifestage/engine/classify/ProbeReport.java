package io.lifestage.engine.classify;

import io.lifestage.api.Decision;
import java.util.List;
import java.util.Map;

/**
 * What running a pack on the built-in probe customers showed ({@link RuleBase#probe}).
 *
 * @param decisions each probe customer, named for what it is, and its decision; a probe whose classification failed
 *                  is absent
 * @param problems  rules failing at run time, with their file and line (errors), and probes no rule classifies or two
 *                  rules of equal salience disagree on (warnings, {@link RuleProblem#isWarning()})
 */
public record ProbeReport(Map<String, Decision> decisions, List<RuleProblem> problems) {

    public ProbeReport {
        decisions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(decisions));
        problems = List.copyOf(problems);
    }
}
