package io.lifestage.engine.classify;

import io.lifestage.engine.config.ConfiguredThresholds;
import io.lifestage.engine.internal.Suggestions;
import io.lifestage.engine.metrics.TimeReads;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.compiler.kie.builder.impl.DrlProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Global;
import org.kie.api.runtime.KieContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles the rule pack in a directory into a {@link RuleBase}, or fails with every problem found: unreadable
 * files, DRL errors with their lines, stages the model does not declare, thresholds the configuration lacks, and
 * anything a rule may not do ({@link RuleSandbox}).
 */
public final class RuleBaseCompiler {

    private static final Logger log = LoggerFactory.getLogger(RuleBaseCompiler.class);
    private static final Pattern ASSIGNED_STAGE =
            Pattern.compile("verdict\\s*\\.\\s*assign\\s*\\(\\s*\"([^\"]*)\"\\s*,");
    /**
     * Rules never modify the customer fact, so property reactivity has nothing to track; declaring the fact class
     * reactive also stops Drools warning about constraints that call methods with arguments.
     */
    private static final String CLASS_REACTIVE_PATH = "io/lifestage/engine/reactivity.drl";
    private static final String CLASS_REACTIVE = """
            package io.lifestage.engine;
            import io.lifestage.api.rules.CustomerMetrics;
            declare CustomerMetrics @classReactive end
            """;
    private static final Pattern ATTRIBUTE = Pattern.compile("\\battribute(?:Number)?\\s*\\(\\s*\"([^\"]*)\"");
    private static final AtomicLong BUILDS = new AtomicLong();

    private final ConfiguredThresholds configured;

    /**
     * A compiler checking rules against these thresholds, with, for each pack, the values of its own
     * {@value ConfiguredThresholds#PACK_FILE}.
     */
    public RuleBaseCompiler(ConfiguredThresholds thresholds) {
        this.configured = thresholds;
    }

    /**
     * Compiles the pack in the directory.
     *
     * @throws RulePackException listing every problem, when the pack cannot be used
     */
    public RuleBase compile(Path directory) {
        long started = System.nanoTime();
        ConfiguredThresholds thresholds = configured.withPack(directory);
        RulePack pack = RulePack.read(directory);
        List<RuleProblem> problems = new ArrayList<>(pack.problems);
        pack.drlFiles.forEach((file, text) -> problems.addAll(checkReferences(pack, file, text, thresholds)));
        TimeReads timeReads = TimeReadsFinder.find(pack, thresholds, problems);
        KieBase kieBase = null;
        Map<String, String> fileByResource = new HashMap<>();
        if (!pack.drlFiles.isEmpty()) {
            kieBase = build(pack, problems, fileByResource);
        }
        problems.addAll(RuleSandbox.check(pack));
        problems.addAll(ThresholdCheck.problems(pack, thresholds));
        if (kieBase != null && !declaresVerdict(kieBase)) {
            problems.add(new RuleProblem("LS-RULE-0009", ".", 0,
                    "no rule file declares 'global io.lifestage.api.rules.Verdict verdict;'"
                            + " so no rule can assign a stage"));
        }
        if (!problems.isEmpty()) {
            // a skipped file is often why a pack is broken (stages.DRL leaves it without rules): name them too
            problems.addAll(pack.skipped);
            problems.sort(Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line));
            throw new RulePackException(directory, problems);
        }
        RuleCatalog rules = RuleCatalog.of(kieBase, pack, fileByResource, thresholds);
        RuleBase ruleBase = new RuleBase(kieBase, pack.stageModel, version(pack, thresholds), Instant.now(),
                thresholds, ThresholdCheck.read(pack), PackWarnings.of(pack, rules, thresholds), rules,
                pack.transitions, pack.journeys, pack.actions, timeReads);
        log.info("Compiled rule pack {} as version {} ({} files, {} stages) in {} ms", directory.toAbsolutePath(),
                ruleBase.version(), pack.drlFiles.size(), pack.stageModel.stages().size(),
                (System.nanoTime() - started) / 1_000_000);
        return ruleBase;
    }

    private static List<RuleProblem> checkReferences(RulePack pack, String file, String text,
                                                     ConfiguredThresholds thresholds) {
        List<RuleProblem> problems = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int line = pack.sourceLine(file, i + 1);
            if (hasUnclosedString(lines[i])) {
                problems.add(new RuleProblem("LS-RULE-0001", file, line,
                        "a string is not closed: add the missing \" on this line"));
            }
            Matcher stage = ASSIGNED_STAGE.matcher(lines[i]);
            while (stage.find()) {
                if (pack.stageModel != null && !pack.stageModel.declares(stage.group(1))) {
                    problems.add(new RuleProblem("LS-RULE-0002", file, line, "stage '" + stage.group(1)
                            + "' is not declared in " + RulePack.STAGES_FILE + " (declared: "
                            + String.join(", ", pack.stageModel.names()) + ")"
                            + Suggestions.didYouMean(stage.group(1), pack.stageModel.names())));
                }
            }
            Matcher attribute = ATTRIBUTE.matcher(lines[i]);
            while (attribute.find()) {
                if (!thresholds.attributes().contains(attribute.group(1))) {
                    problems.add(new RuleProblem("LS-RULE-0020", file, line, "attribute '" + attribute.group(1)
                            + "' is not declared: declare it with lifestage.metrics.attributes." + attribute.group(1)
                            + "=trait:" + attribute.group(1) + " (or first-trait:, first-touch:properties.…,"
                            + " last-touch:context.…, count:<event>/<days>d) in the pack's "
                            + ConfiguredThresholds.PACK_FILE
                            + " or the configuration" + Suggestions.didYouMean(attribute.group(1),
                            thresholds.attributes())));
                }
            }
            Matcher threshold = ThresholdCheck.THRESHOLD.matcher(lines[i]);
            while (threshold.find()) {
                if (thresholds.origin(threshold.group(1)) == null) {
                    problems.add(new RuleProblem("LS-RULE-0003", file, line, "threshold '" + threshold.group(1)
                            + "' is not configured: set " + ConfiguredThresholds.PREFIX + threshold.group(1)
                            + Suggestions.didYouMean(threshold.group(1), thresholds.names())));
                }
            }
        }
        return problems;
    }

    /** An odd number of unescaped double quotes before any line comment: DRL strings never span lines. */
    private static boolean hasUnclosedString(String line) {
        boolean inString = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && inString) {
                i++;
            } else if (c == '"') {
                inString = !inString;
            } else if (!inString && c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
                return false;
            }
        }
        return inString;
    }

    private static KieBase build(RulePack pack, List<RuleProblem> problems, Map<String, String> fileByResource) {
        KieServices services = KieServices.get();
        ReleaseId releaseId = services.newReleaseId("io.lifestage.pack", "rules", "1.0." + BUILDS.incrementAndGet());
        KieFileSystem files = services.newKieFileSystem().generateAndWritePomXML(releaseId);
        pack.drlFiles.forEach((file, text) -> {
            String resource = RulePack.resourcePath(file, text);
            fileByResource.put(resource, file);
            files.write("src/main/resources/" + resource, text);
        });
        files.write("src/main/resources/" + CLASS_REACTIVE_PATH, CLASS_REACTIVE);
        KieBuilder builder = services.newKieBuilder(files).buildAll(DrlProject.class);
        boolean failed = false;
        for (Message message : builder.getResults().getMessages()) {
            if (message.getLevel() == Message.Level.ERROR) {
                failed = true;
                if (DroolsMessages.isEcho(message.getText())) {
                    continue;
                }
                String file = message.getPath() == null ? "." : fileByResource.getOrDefault(
                        message.getPath().replace('\\', '/').replaceFirst("^src/main/resources/", ""),
                        message.getPath());
                int line = pack.sourceLine(file,
                        DroolsMessages.line(message.getLine(), message.getText(), pack.drlFiles.get(file)));
                problems.add(new RuleProblem("LS-RULE-0001", file, line, DroolsMessages.plain(message.getText())));
            }
        }
        if (failed) {
            services.getRepository().removeKieModule(releaseId);
            return null;
        }
        KieContainer container = services.newKieContainer(releaseId);
        KieBase kieBase = container.getKieBase();
        services.getRepository().removeKieModule(releaseId);
        return kieBase;
    }

    private static boolean declaresVerdict(KieBase kieBase) {
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            for (Global global : kiePackage.getGlobalVariables()) {
                if (global.getName().equals("verdict")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String version(RulePack pack, ConfiguredThresholds thresholds) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> file : pack.drlFiles.entrySet()) {
                digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(file.getValue().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            digest.update(String.join(",", pack.stageModel.names()).getBytes(StandardCharsets.UTF_8));
            for (String text : new String[] {pack.transitionsText, pack.journeysText, pack.actionsText}) {
                if (text != null) {
                    digest.update(text.getBytes(StandardCharsets.UTF_8));
                }
            }
            for (String name : thresholds.names()) {
                digest.update((name + "=" + thresholds.get(name) + ";").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
