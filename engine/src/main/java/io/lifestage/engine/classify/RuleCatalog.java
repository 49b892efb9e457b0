package io.lifestage.engine.classify;

import io.lifestage.api.rules.Thresholds;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/** Every rule of a compiled pack with what explanations and warnings need: priority, group, place and reads. */
final class RuleCatalog {

    /**
     * One rule.
     *
     * @param name            the rule's name
     * @param salience        its priority, or 0 when it is computed per match
     * @param activationGroup its activation group, or empty
     * @param file            the file declaring it, relative to the pack
     * @param line            the line of its declaration, or 0 when not found
     * @param reads           what its conditions read
     * @param matchesEveryone whether its only condition is a customer with no constraint
     * @param conditions      the text between {@code when} and {@code then}, or empty when not found
     * @param stage           the stage its consequence assigns, or empty when computed or not found
     */
    record Entry(String name, int salience, String activationGroup, String file, int line, RuleReads reads,
                 boolean matchesEveryone, String conditions, String stage) {
    }

    private static final Pattern CATCH_ALL =
            Pattern.compile("^\\s*(\\$\\w+\\s*:\\s*)?CustomerMetrics\\s*\\(\\s*\\)\\s*$");

    static final Pattern ASSIGNED_STAGE = Pattern.compile("verdict\\s*\\.\\s*assign\\s*\\(\\s*\"([^\"]*)\"");

    private final Map<String, Entry> byName = new LinkedHashMap<>();
    /** Rules of two packages (a DRL file and a table, say) that share a name: the first, then the other. */
    private final List<Map.Entry<Entry, Entry>> sameNames = new ArrayList<>();

    private RuleCatalog() {
    }

    static RuleCatalog of(KieBase kieBase, RulePack pack, Map<String, String> fileByResource,
                          Thresholds thresholds) {
        RuleCatalog catalog = new RuleCatalog();
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            for (Rule rule : kiePackage.getRules()) {
                RuleImpl impl = (RuleImpl) rule;
                String resource = impl.getResource() == null ? "" : impl.getResource().getSourcePath()
                        .replaceFirst("^src/main/resources/", "");
                String file = fileByResource.getOrDefault(resource, ".");
                String text = pack.drlFiles.getOrDefault(file, "");
                Matcher declaration = Pattern.compile("^[ \\t]*rule\\s+\"?" + Pattern.quote(rule.getName())
                        + "\"?(.*?)^[ \\t]*then\\b(.*?)\\bend[ \\t]*$", Pattern.MULTILINE | Pattern.DOTALL)
                        .matcher(text);
                boolean found = declaration.find();
                int drlLine = found ? (int) text.substring(0, declaration.start()).lines().count() + 1 : 0;
                int line = found ? pack.sourceLine(file, drlLine) : 0;
                String conditions = found ? declaration.group(1).replaceFirst("(?s)^.*?\\bwhen\\b", "") : "";
                Matcher stage = ASSIGNED_STAGE.matcher(found ? declaration.group(2) : "");
                Entry entry = new Entry(rule.getName(), impl.isSalienceDynamic() ? 0 : impl.getSalienceValue(),
                        impl.getActivationGroup() == null ? "" : impl.getActivationGroup(), file, line,
                        RuleReads.of(conditions, thresholds),
                        found && CATCH_ALL.matcher(withoutComments(conditions)).matches(), conditions,
                        stage.find() ? stage.group(1) : "");
                Entry earlier = catalog.byName.putIfAbsent(rule.getName(), entry);
                if (earlier != null) {
                    catalog.sameNames.add(Map.entry(earlier, entry));
                }
            }
        }
        return catalog;
    }

    private static String withoutComments(String text) {
        return text.replaceAll("(?m)//.*$", "").replaceAll("(?s)/\\*.*?\\*/", "");
    }

    Optional<Entry> find(String rule) {
        return Optional.ofNullable(byName.get(rule));
    }

    Collection<Entry> entries() {
        return byName.values();
    }

    /** Pairs of rules that share a name, which decisions and explanations cannot tell apart. */
    List<Map.Entry<Entry, Entry>> sameNames() {
        return sameNames;
    }

    /** Rules of an activation group below a higher-salience rule of that group that matches every customer. */
    List<Map.Entry<Entry, Entry>> shadowed() {
        List<Map.Entry<Entry, Entry>> shadowed = new ArrayList<>();
        for (Entry catchAll : byName.values()) {
            if (!catchAll.matchesEveryone() || catchAll.activationGroup().isEmpty()) {
                continue;
            }
            for (Entry rule : byName.values()) {
                boolean sameGroup = rule.activationGroup().equals(catchAll.activationGroup());
                if (sameGroup && rule.salience() < catchAll.salience()) {
                    shadowed.add(Map.entry(rule, catchAll));
                }
            }
        }
        return shadowed;
    }

    /** Rules sharing an activation group and a salience, when more than one does. */
    List<List<Entry>> competing() {
        Map<String, List<Entry>> groups = new java.util.TreeMap<>();
        for (Entry entry : byName.values()) {
            groups.computeIfAbsent(entry.activationGroup() + "\u0000" + entry.salience(), k -> new ArrayList<>())
                    .add(entry);
        }
        return groups.values().stream().filter(group -> group.size() > 1).toList();
    }
}
