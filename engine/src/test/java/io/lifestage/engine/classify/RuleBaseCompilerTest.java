package io.lifestage.engine.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifestage.api.Transition;
import io.lifestage.engine.config.ConfiguredThresholds;
import io.lifestage.engine.config.LifestageConfig;
import io.lifestage.engine.config.RulesSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken rule pack is refused with every problem, each naming its file and, where there is one, its line. */
class RuleBaseCompilerTest {

    private static final String STAGES = "name,label,description\nnew,New,\nactive,Active,\n";
    private static final String HEADER = """
            package test.stages;
            import io.lifestage.api.rules.CustomerMetrics;
            global io.lifestage.api.rules.Thresholds threshold;
            global io.lifestage.api.rules.Verdict verdict;
            """;
    private static final String VALID_RULES = HEADER + """
            rule "active"
                salience 20
                activation-group "stage"
            when
                CustomerMetrics( daysSinceLastActivity < threshold.get("active-days") )
            then
                verdict.assign("active", "recent");
            end

            rule "new"
                salience 10
                activation-group "stage"
            when
                CustomerMetrics( )
            then
                verdict.assign("new", "everyone else");
            end
            """;

    @TempDir
    Path pack;

    private final RuleBaseCompiler compiler = new RuleBaseCompiler(ConfiguredThresholds.of(Map.of("active-days", 30)));

    private void write(String file, String text) throws IOException {
        Files.createDirectories(pack.resolve(file).getParent());
        Files.writeString(pack.resolve(file), text);
    }

    private List<RuleProblem> problemsOf() {
        try {
            compiler.compile(pack);
        } catch (RulePackException e) {
            return e.problems();
        }
        throw new AssertionError("the pack compiled although it is broken");
    }

    /** A problem found at the line of the file, whose message contains the text. */
    private static Consumer<RuleProblem> at(String file, int line, String text) {
        return problem -> {
            assertThat(problem.file()).isEqualTo(file);
            assertThat(problem.line()).isEqualTo(line);
            assertThat(problem.message()).contains(text);
        };
    }

    @Test
    void compilesAValidPackWithItsStageModelAndAStableVersion() throws IOException {
        write("stages.csv", STAGES);
        write("rules.drl", VALID_RULES);

        RuleBase first = compiler.compile(pack);
        RuleBase second = compiler.compile(pack);

        assertThat(first.stageModel().names()).containsExactly("new", "active");
        assertThat(first.version()).hasSize(12).isEqualTo(second.version());
    }

    @Test
    void theVersionChangesWhenARuleOrAThresholdChanges() throws IOException {
        write("stages.csv", STAGES);
        write("rules.drl", VALID_RULES);
        String before = compiler.compile(pack).version();

        write("rules.drl", VALID_RULES.replace("\"recent\"", "\"recently active\""));
        String edited = compiler.compile(pack).version();
        String rethresholded = new RuleBaseCompiler(ConfiguredThresholds.of(Map.of("active-days", 31)))
                .compile(pack).version();

        assertThat(edited).isNotEqualTo(before);
        assertThat(rethresholded).isNotEqualTo(edited);
    }

    @Test
    void aRefusedMoveTriggersNoActionEvenWhenItsLineListsSome() throws IOException {
        write("stages.csv", STAGES);
        write("rules.drl", VALID_RULES);
        write("transitions.csv", "from,to,policy,actions\nnew,active,refuse,welcome\nactive,new,allow,win-back\n");

        RuleBase rules = compiler.compile(pack);

        assertThat(rules.transitions().judge("new", "active"))
                .isEqualTo(new TransitionPolicy.Ruling(Transition.Policy.REFUSED, List.of()));
        assertThat(rules.transitions().judge("active", "new").actions()).containsExactly("win-back");
        assertThat(rules.warnings()).extracting(RuleProblem::code).contains("LS-RULE-0109");
    }

    @Test
    void readsJourneysAndWhatTheirActionsCarry() throws IOException {
        write("stages.csv", STAGES);
        write("rules.drl", VALID_RULES);
        write("journeys.csv", "name,trigger,wait,cancel,stages,action\n"
                + "# a reminder an hour after a checkout that no order followed\n"
                + "abandoned-cart,Checkout Started,1h,Order Completed;Cart Emptied,,cart-reminder\n"
                + "welcome,Signed Up,,,new,welcome\n");
        write("actions.csv", "action,channel,traits,metrics,properties\n"
                + "cart-reminder,email:abandoned-cart,email;name,stage;rfm;days_since_last_order,products;total\n");

        RuleBase rules = compiler.compile(pack);

        assertThat(rules.journeys().all()).containsExactly(
                new Journeys.Journey("abandoned-cart", "Checkout Started", Duration.ofHours(1),
                        Set.of("Order Completed", "Cart Emptied"), Set.of(), "cart-reminder"),
                new Journeys.Journey("welcome", "Signed Up", Duration.ZERO, Set.of(), Set.of("new"), "welcome"));
        assertThat(rules.actions().action("cart-reminder")).isEqualTo(new ActionCatalog.Action("cart-reminder",
                "email:abandoned-cart", List.of("email", "name"), List.of(PayloadMetric.STAGE, PayloadMetric.RFM,
                PayloadMetric.DAYS_SINCE_LAST_ORDER), List.of("products", "total")));
        assertThat(rules.actions().action("welcome").channel()).isNull();
    }

    @Test
    void namesTheFileLineAndColumnOfEveryBadJourneyAndAction() throws IOException {
        write("stages.csv", STAGES);
        write("rules.drl", VALID_RULES);
        write("journeys.csv", "name,trigger,wait,cancel,stages,action\n"
                + "cart,Checkout Started,an hour,,,cart-reminder\n"
                + "cart,Checkout Started,1h,,,cart-reminder\n"
                + "welcome,Signed Up,,,gone,welcome\n"
                + "bare,Signed Up,,,,\n");
        write("actions.csv", "action,channel,traits,metrics,properties\n"
                + "cart-reminder,email,,,\n"
                + "welcome,email:welcome,,clv,\n");

        assertThat(problemsOf()).extracting(RuleProblem::toString).containsExactly(
                "LS-RULE-0032 actions.csv:2: column 2 (channel): 'email' is not a channel such as email:welcome,"
                        + " sms:cart or crm-task:call (kind:name)",
                "LS-RULE-0032 actions.csv:3: column 4 (metrics): 'clv' is not a metric an action carries (stage,"
                        + " value_tier, rfm, lifetime_value, revenue, purchases, days_since_last_order,"
                        + " days_since_last_activity)",
                "LS-RULE-0031 journeys.csv:2: column 3 (wait): 'an hour' is not a wait such as 30m, 1h or 3d"
                        + " (minutes, hours or days), or empty for none",
                "LS-RULE-0031 journeys.csv:3: column 1 (name): the journey 'cart' is listed twice",
                "LS-RULE-0031 journeys.csv:4: column 5 (stages): 'gone' is not a stage of stages.csv (new, active)",
                "LS-RULE-0031 journeys.csv:5: column 6 (action): missing: name the action it fires");
    }

    @Test
    void readsTheHoldoutAndOutcomeOfAnAction() throws IOException {
        write("stages.csv", STAGES);
        write("rules.drl", VALID_RULES);
        write("actions.csv", "action,channel,traits,metrics,properties,holdout,outcome\n"
                + "cart-reminder,email:abandoned-cart,,,,10%,Order Completed within 7d\n"
                + "win-back,email:win-back,,,,2.5%,stage:active within 30d\n"
                + "welcome,email:welcome,,,,,Signed Up within 12h\n"
                + "tips,email:tips,,,,,\n");

        ActionCatalog actions = compiler.compile(pack).actions();

        assertThat(actions.action("cart-reminder").holdoutShare()).isEqualTo(0.10);
        assertThat(actions.action("cart-reminder").outcome())
                .isEqualTo(new ActionCatalog.Outcome("Order Completed", null, Duration.ofDays(7)));
        assertThat(actions.action("win-back").holdout()).isEqualTo(250);
        assertThat(actions.action("win-back").outcome()).hasToString("stage:active within 30d");
        assertThat(actions.action("welcome").holdout()).isZero();
        assertThat(actions.action("welcome").outcome()).hasToString("Signed Up within 12h");
        assertThat(actions.action("tips").outcome()).isNull();
        assertThat(actions.action("tips").holdsOut("anyone")).isFalse();
    }

    @Test
    void namesTheLineAndColumnOfEveryBadHoldoutAndOutcome() throws IOException {
        write("stages.csv", STAGES);
        write("rules.drl", VALID_RULES);
        write("actions.csv", "action,channel,traits,metrics,properties,holdout,outcome\n"
                + "a,email:a,,,,10,Order Completed within 7d\n"
                + "b,email:b,,,,100%,Order Completed within 7d\n"
                + "c,email:c,,,,0%,Order Completed within 7d\n"
                + "d,email:d,,,,10%,\n"
                + "e,email:e,,,,,Order Completed in 7 days\n"
                + "f,email:f,,,,,stage:gone within 30d\n"
                + "g,email:g,,,,5%,Order Completed within 0d\n");

        assertThat(problemsOf()).extracting(RuleProblem::toString).containsExactly(
                "LS-RULE-0032 actions.csv:2: column 6 (holdout): '10' is not a share of customers held out, such as"
                        + " 10% or 2.5% (above 0% and below 100%), or empty for none",
                "LS-RULE-0032 actions.csv:3: column 6 (holdout): '100%' is not a share of customers held out, such"
                        + " as 10% or 2.5% (above 0% and below 100%), or empty for none",
                "LS-RULE-0032 actions.csv:4: column 6 (holdout): '0%' is not a share of customers held out, such as"
                        + " 10% or 2.5% (above 0% and below 100%), or empty for none",
                "LS-RULE-0032 actions.csv:5: column 7 (outcome): missing: a holdout measures an outcome, such as"
                        + " 'Order Completed within 7d' or 'stage:retention within 30d'",
                "LS-RULE-0032 actions.csv:6: column 7 (outcome): 'Order Completed in 7 days' is not an outcome such"
                        + " as 'Order Completed within 7d' or 'stage:retention within 30d' (an event name or"
                        + " stage:NAME, then 'within' and a window of minutes, hours or days: 30m, 12h, 7d)",
                "LS-RULE-0032 actions.csv:7: column 7 (outcome): 'gone' is not a stage of stages.csv (new, active)",
                "LS-RULE-0032 actions.csv:8: column 7 (outcome): 'Order Completed within 0d' is not an outcome such"
                        + " as 'Order Completed within 7d' or 'stage:retention within 30d' (an event name or"
                        + " stage:NAME, then 'within' and a window of minutes, hours or days: 30m, 12h, 7d)");
    }

    @Test
    void aValidPackWithoutSurprisesHasNoWarnings() throws IOException {
        write("stages.csv", STAGES);
        write("rules.drl", VALID_RULES);

        assertThat(compiler.compile(pack).warnings()).isEmpty();
    }

    @Test
    void warnsAboutRulesOfEqualPriorityThatCompeteForACustomer() throws IOException {
        write("stages.csv", STAGES);
        write("rules.drl", "// competing rules\n\n" + VALID_RULES.replace("salience 10", "salience 20"));

        assertThat(compiler.compile(pack).warnings()).singleElement().hasToString(
                "LS-RULE-0101 rules.drl:7: rules 'active', 'new' share salience 20 in activation-group 'stage':"
                        + " when more than one matches a customer, which decides is not defined;"
                        + " give each its own salience");
    }

    @Test
    void warnsAboutARuleACatchAllOfHigherPriorityAlwaysBeats() throws IOException {
        write("stages.csv", STAGES);
        write("rules.drl", VALID_RULES.replace("salience 10", "salience 30"));

        assertThat(compiler.compile(pack).warnings()).singleElement().hasToString(
                "LS-RULE-0103 rules.drl:5: rule 'active' can never fire: 'new' (salience 30) matches every customer"
                        + " first; give 'new' a salience below 20");
    }

    @Test
    void warnsAboutAStageNoRuleAssigns() throws IOException {
        write("stages.csv", STAGES + "dormant,Dormant,\n");
        write("rules.drl", VALID_RULES);

        assertThat(compiler.compile(pack).warnings()).singleElement().hasToString(
                "LS-RULE-0102 stages.csv:4: no rule assigns stage 'dormant': no customer can reach it");
    }

    @Test
    void reportsASyntaxErrorWithFileAndLine() throws IOException {
        write("stages.csv", STAGES);
        write("rules.drl", HEADER + """
                rule "broken"
                when
                    CustomerMetrics( orders > )
                then
                    verdict.assign("new", "x");
                end
                """);

        List<RuleProblem> problems = problemsOf();

        assertThat(problems).singleElement().hasToString(
                "LS-RULE-0001 rules.drl:7: no viable alternative at input ')' in rule \"broken\": the rule cannot be"
                        + " read at ')'; look for a missing or extra bracket, comma, quote or operator just before it");
    }

    @Test
    void reportsAFieldTheCustomerFactDoesNotHave() throws IOException {
        write("stages.csv", STAGES);
        write("rules.drl", HEADER + """
                rule "unknown field"
                when
                    CustomerMetrics( lifetimeOrders > 3 )
                then
                    verdict.assign("new", "x");
                end
                """);

        assertThat(problemsOf()).anySatisfy(at("rules.drl", 7, "lifetimeOrders"));
    }

    @Test
    void reportsAStageTheModelDoesNotDeclare() throws IOException {
        write("stages.csv", STAGES);
        write("rules.drl", VALID_RULES.replace("verdict.assign(\"active\"", "verdict.assign(\"loyal\""));

        assertThat(problemsOf()).singleElement().hasToString(
                "LS-RULE-0002 rules.drl:11: stage 'loyal' is not declared in stages.csv (declared: new, active)");
    }

    @Test
    void reportsAThresholdTheConfigurationLacks() throws IOException {
        write("stages.csv", STAGES);
        write("rules.drl", VALID_RULES.replace("active-days", "recent-days"));

        assertThat(problemsOf()).singleElement().hasToString(
                "LS-RULE-0003 rules.drl:9: threshold 'recent-days' is not configured:"
                        + " set lifestage.threshold.recent-days");
    }

    @Test
    void reportsEveryBrokenFileAtOnce() throws IOException {
        write("stages.csv", STAGES);
        write("a.drl", VALID_RULES);
        write("b/empty.drl", "   \n");
        Files.write(pack.resolve("c.drl"), new byte[] {(byte) 0xC3, 0x28, 0x00, (byte) 0xFF, 0x12});

        assertThat(problemsOf()).extracting(RuleProblem::code, RuleProblem::file).containsExactly(
                org.assertj.core.groups.Tuple.tuple("LS-RULE-0008", "b/empty.drl"),
                org.assertj.core.groups.Tuple.tuple("LS-RULE-0007", "c.drl"));
    }

    @Test
    void reportsAMissingStageModel() throws IOException {
        write("rules.drl", VALID_RULES);

        assertThat(problemsOf()).extracting(RuleProblem::code).contains("LS-RULE-0006");
    }

    @Test
    void reportsABadLineOfTheStageModel() throws IOException {
        write("stages.csv", "name,label,description\nnew,New,\nActive Users,Active,\n");
        write("rules.drl", VALID_RULES);

        assertThat(problemsOf()).first().satisfies(at("stages.csv", 3, "'Active Users'"));
    }

    @Test
    void reportsAPackWithoutRules() throws IOException {
        write("stages.csv", STAGES);

        assertThat(problemsOf()).extracting(RuleProblem::code).containsExactly("LS-RULE-0005");
    }

    @Test
    void reportsAPackWhoseRulesCannotAssignAStage() throws IOException {
        write("stages.csv", STAGES);
        write("rules.drl", "package x;\nrule \"r\" when then end\n");

        assertThat(problemsOf()).extracting(RuleProblem::code).containsExactly("LS-RULE-0009");
    }

    @Test
    void reportsARulesDirectoryThatDoesNotExist() {
        assertThatThrownBy(() -> compiler.compile(pack.resolve("missing")))
                .isInstanceOf(RulePackException.class)
                .hasMessageContaining("LS-RULE-0004")
                .hasMessageContaining("does not exist");
    }

    @Test
    void aThresholdSetInAFileThatNoRuleReadsIsAnErrorAtItsLineWithASuggestion() throws IOException {
        write("stages.csv", STAGES);
        write("rules.drl", VALID_RULES);
        Path settings = Files.writeString(pack.resolveSibling(pack.getFileName() + ".properties"),
                "lifestage.threshold.active-days=30\nlifestage.threshold.activ-days=20\n");
        ConfiguredThresholds configured = ConfiguredThresholds.from(
                LifestageConfig.build(Map.of(RulesSettings.DIR, pack.toString()), settings));

        assertThatThrownBy(() -> new RuleBaseCompiler(configured).compile(pack))
                .isInstanceOfSatisfying(RulePackException.class, e -> assertThat(e.problems()).singleElement()
                        .hasToString("LS-CONF-0004 " + settings.toUri().getPath() + ":2: lifestage.threshold.activ-days"
                                + " is set, but no rule of the pack reads threshold 'activ-days', so it changes"
                                + " nothing; did you mean 'active-days'?"));
    }

    @Test
    void aNegativeThresholdIsAnErrorNamingWhereItWasSet() throws IOException {
        write("stages.csv", STAGES);
        write("rules.drl", VALID_RULES);
        ConfiguredThresholds configured = ConfiguredThresholds.from(LifestageConfig.build(
                Map.of(RulesSettings.DIR, pack.toString(), "lifestage.threshold.active-days", "-30"), null));

        assertThatThrownBy(() -> new RuleBaseCompiler(configured).compile(pack))
                .isInstanceOfSatisfying(RulePackException.class, e -> assertThat(e.problems()).singleElement()
                        .hasToString("LS-CONF-0002 the command line: lifestage.threshold.active-days must be 0 or more,"
                                + " got -30"));
    }

    @Test
    void warnsAboutRuleFilesItSkipsAndBackupFolders() throws IOException {
        write("stages.csv", STAGES);
        write("rules.drl", VALID_RULES);
        write("extra.DRL", VALID_RULES);
        write("backup/rules.drl", VALID_RULES);
        write("tests/stages.test.yml", "scenarios: []\n");
        write("notes.txt", "not meant for the pack");

        assertThat(compiler.compile(pack).warnings()).extracting(RuleProblem::toString).containsExactly(
                "LS-RULE-0104 backup/rules.drl: skipped: 'backup' looks like a backup folder, so its rules are not"
                        + " part of the pack; move the file out of it to use it",
                "LS-RULE-0104 extra.DRL: skipped: rule files must end in '.drl' in lower case; rename it to"
                        + " 'extra.drl'",
                "LS-RULE-0104 tests/stages.test.yml: skipped by 'lifestage test': scenario files must end in"
                        + " '.test.yaml'; rename it to 'stages.test.yaml'");
    }
}
