package io.lifestage.engine.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * What is legal but probably not meant in a pack that compiles: rules of equal priority that can compete for the
 * same customer, and declared stages no rule assigns.
 */
final class PackWarnings {

    private static final Pattern ASSIGNED_STAGE = Pattern.compile("verdict\\s*\\.\\s*assign\\s*\\(\\s*\"([^\"]*)\"");

    private PackWarnings() {
    }

    static List<RuleProblem> of(RulePack pack, KieBase kieBase, Map<String, String> fileByResource) {
        List<RuleProblem> warnings = new ArrayList<>();
        warnings.addAll(equalPriorities(pack, kieBase, fileByResource));
        warnings.addAll(unreachableStages(pack));
        warnings.sort(Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line));
        return warnings;
    }

    private static List<RuleProblem> equalPriorities(RulePack pack, KieBase kieBase, Map<String, String> files) {
        Map<String, List<RuleImpl>> competing = new TreeMap<>();
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            for (Rule rule : kiePackage.getRules()) {
                if (rule instanceof RuleImpl impl && !impl.isSalienceDynamic()) {
                    String group = impl.getActivationGroup() == null ? "" : impl.getActivationGroup();
                    competing.computeIfAbsent(group + "\u0000" + impl.getSalienceValue(), k -> new ArrayList<>())
                            .add(impl);
                }
            }
        }
        List<RuleProblem> warnings = new ArrayList<>();
        for (List<RuleImpl> rules : competing.values()) {
            if (rules.size() < 2) {
                continue;
            }
            rules.sort(Comparator.comparing(RuleImpl::getName));
            RuleImpl first = rules.get(0);
            String file = files.getOrDefault(first.getResource() == null ? "" : first.getResource().getSourcePath()
                    .replaceFirst("^src/main/resources/", ""), ".");
            String names = String.join("', '", rules.stream().map(RuleImpl::getName).toList());
            String group = first.getActivationGroup() == null ? "" : " in activation-group '"
                    + first.getActivationGroup() + "'";
            warnings.add(new RuleProblem("LS-RULE-0101", file, lineOfRule(pack.drlFiles.get(file), first.getName()),
                    "rules '" + names + "' share salience " + first.getSalienceValue() + group
                            + ": when more than one matches a customer, which decides is not defined;"
                            + " give each its own salience"));
        }
        return warnings;
    }

    private static List<RuleProblem> unreachableStages(RulePack pack) {
        List<String> assigned = new ArrayList<>();
        for (String text : pack.drlFiles.values()) {
            Matcher stage = ASSIGNED_STAGE.matcher(text);
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

    private static int lineOfRule(String text, String name) {
        if (text == null) {
            return 0;
        }
        Matcher declaration = Pattern.compile("^[ \\t]*rule\\s+\"?" + Pattern.quote(name) + "\"?", Pattern.MULTILINE)
                .matcher(text);
        return declaration.find() ? (int) text.substring(0, declaration.start()).lines().count() + 1 : 0;
    }
}
