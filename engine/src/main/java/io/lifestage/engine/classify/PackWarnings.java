package io.lifestage.engine.classify;

import io.lifestage.api.rules.Thresholds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is legal but probably not meant in a pack that compiles: rules of equal priority that can compete for the
 * same customer, rules a catch-all of higher priority always beats, rules whose conditions contradict each other,
 * rules of two files sharing a name, conditions written with {@code eval}, declared stages no rule assigns, refused
 * moves with actions, and files that look meant for the pack but were skipped.
 */
final class PackWarnings {


    private static final Pattern EVAL = Pattern.compile("(?<![\\w$.])eval\\s*\\(");

    private PackWarnings() {
    }

    static List<RuleProblem> of(RulePack pack, RuleCatalog rules, Thresholds thresholds) {
        List<RuleProblem> warnings = new ArrayList<>();
        warnings.addAll(equalPriorities(rules));
        warnings.addAll(neverFiring(rules));
        warnings.addAll(Contradictions.of(rules, thresholds));
        warnings.addAll(sameNames(rules));
        warnings.addAll(evals(rules));
        warnings.addAll(unreachableStages(pack));
        warnings.addAll(pack.skipped);
        warnings.addAll(pack.transitions.refusedWithActions());
        warnings.sort(Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line));
        return warnings;
    }

    private static List<RuleProblem> equalPriorities(RuleCatalog rules) {
        List<RuleProblem> warnings = new ArrayList<>();
        for (List<RuleCatalog.Entry> competing : rules.competing()) {
            List<RuleCatalog.Entry> sorted = competing.stream()
                    .sorted(Comparator.comparing(RuleCatalog.Entry::name)).toList();
            RuleCatalog.Entry first = sorted.get(0);
            String names = String.join("', '", sorted.stream().map(RuleCatalog.Entry::name).toList());
            String group = first.activationGroup().isEmpty() ? ""
                    : " in activation-group '" + first.activationGroup() + "'";
            warnings.add(new RuleProblem("LS-RULE-0101", first.file(), first.line(),
                    "rules '" + names + "' share salience " + first.salience() + group
                            + ": when more than one matches a customer, which decides is not defined;"
                            + " give each its own salience"));
        }
        return warnings;
    }

    private static List<RuleProblem> neverFiring(RuleCatalog rules) {
        return rules.shadowed().stream().map(pair -> new RuleProblem("LS-RULE-0103", pair.getKey().file(),
                pair.getKey().line(), "rule '" + pair.getKey().name() + "' can never fire: '" + pair.getValue().name()
                        + "' (salience " + pair.getValue().salience() + ") matches every customer first; give '"
                        + pair.getValue().name() + "' a salience below " + pair.getKey().salience())).toList();
    }

    private static List<RuleProblem> evals(RuleCatalog rules) {
        return rules.entries().stream().filter(rule -> EVAL.matcher(RuleSandbox.codeOnly(rule.conditions())).find())
                .map(rule -> new RuleProblem("LS-RULE-0110", rule.file(), rule.line(), "rule '" + rule.name()
                        + "' uses eval(…), which Drools cannot index and runs for every customer, slowing every"
                        + " classification; write it as a constraint inside CustomerMetrics( … ) instead"))
                .toList();
    }

    private static List<RuleProblem> sameNames(RuleCatalog rules) {
        return rules.sameNames().stream().map(pair -> new RuleProblem("LS-RULE-0107", pair.getValue().file(),
                pair.getValue().line(), "rule '" + pair.getKey().name() + "' is also defined in " + pair.getKey().file()
                        + (pair.getKey().line() > 0 ? ":" + pair.getKey().line() : "")
                        + ": decisions name the rule that decided, so give each rule its own name")).toList();
    }

    private static List<RuleProblem> unreachableStages(RulePack pack) {
        List<String> assigned = new ArrayList<>();
        for (String text : pack.drlFiles.values()) {
            Matcher stage = RuleCatalog.ASSIGNED_STAGE.matcher(text);
            while (stage.find()) {
                assigned.add(stage.group(1));
            }
        }
        List<RuleProblem> warnings = new ArrayList<>();
        List<String> stages = pack.stageModel.names();
        for (int i = 0; i < stages.size(); i++) {
            if (!assigned.contains(stages.get(i))) {
                warnings.add(new RuleProblem("LS-RULE-0102", RulePack.STAGES_FILE, i + 2,
                        "no rule assigns stage '" + stages.get(i) + "': no customer can reach it"));
            }
        }
        return warnings;
    }
}
