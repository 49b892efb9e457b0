package io.lifestage.engine;

import io.lifestage.api.LifecycleEngine;
import io.lifestage.engine.classify.LiveRuleBase;
import io.lifestage.engine.classify.RuleBase;
import io.lifestage.engine.classify.RuleBaseCompiler;
import io.lifestage.engine.classify.RuleBaseProducer;
import io.lifestage.engine.config.ActionSettings;
import io.lifestage.engine.config.ConfigProducer;
import io.lifestage.engine.config.ConfiguredThresholds;
import io.lifestage.engine.config.LifestageConfig;
import io.lifestage.engine.config.RetrySettings;
import io.lifestage.engine.config.RulesSettings;
import io.lifestage.engine.config.StoreSettings;
import io.lifestage.engine.connect.ConnectorPlan;
import io.lifestage.engine.connect.ConnectorPlanProducer;
import io.lifestage.engine.diff.PackDiff;
import io.lifestage.engine.metrics.MetricsCalculator;
import io.lifestage.engine.run.RetryBudget;
import io.lifestage.engine.run.StageRun;
import io.lifestage.engine.scenario.ScenarioRunner;
import io.lifestage.engine.store.StageStore;
import io.smallrye.config.SmallRyeConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.Config;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * A running engine: a Weld SE container with an explicit list of beans (no class-path scan) and the configuration
 * it was started with. Starting loads the connector plugins, checks the connector configuration and compiles the
 * rule pack (on a thread of its own, meanwhile), so a broken plugin, setting or pack fails here with every problem
 * listed.
 */
public final class LifestageContainer implements AutoCloseable {

    private final WeldContainer container;
    private final LifecycleEngine engine;

    private LifestageContainer(WeldContainer container) {
        this.container = container;
        this.engine = container.select(LifecycleEngine.class).get();
    }

    /**
     * Starts an engine configured by MicroProfile Config, with {@code overrides} taking precedence over every
     * other source and {@code configFile} (may be null) read as a properties file.
     *
     * @throws io.lifestage.engine.connect.ConnectorConfigurationException when a plugin cannot be loaded or the
     *                                                                      connector configuration is invalid
     * @throws io.lifestage.engine.classify.RulePackException when the rule pack is invalid
     */
    public static LifestageContainer start(Map<String, String> overrides, Path configFile) {
        return start(overrides, configFile, new Class<?>[0]);
    }

    /**
     * Starts an engine as {@link #start(Map, Path)} does, with more bean classes in the container, for example
     * {@link io.lifestage.engine.host.HostProducer} and the resources of a server that inject what it makes.
     */
    public static LifestageContainer start(Map<String, String> overrides, Path configFile, Class<?>... beans) {
        SmallRyeConfig config = LifestageConfig.build(overrides, configFile);
        CompletableFuture<LiveRuleBase> rules = RuleBaseProducer.compileAhead(config);
        WeldContainer weld = new Weld("lifestage-" + System.nanoTime())
                .disableDiscovery()
                .addBeanClasses(ConfigProducer.class, RuleBaseProducer.class, MetricsCalculator.class,
                        RuleBasedLifecycleEngine.class, ConnectorPlanProducer.class)
                .addBeanClasses(beans)
                .initialize();
        try {
            weld.select(ConfigProducer.class).get().use(config);
            weld.select(RuleBaseProducer.class).get().use(rules);
            weld.select(ConnectorPlan.class).get();
            LifestageContainer started = new LifestageContainer(weld);
            started.engine.ruleBaseVersion();
            return started;
        } catch (RuntimeException e) {
            weld.shutdown();
            throw e;
        }
    }

    /** The engine; thread-safe. */
    public LifecycleEngine engine() {
        return engine;
    }

    /** The bean of this type in the container, for example the {@code Lifestage} of a host. */
    public <T> T bean(Class<T> type) {
        return container.select(type).get();
    }

    /** The connectors the configuration enables, checked against the installed plugins. */
    public ConnectorPlan connectors() {
        return container.select(ConnectorPlan.class).get();
    }

    /** The thresholds the rules see. */
    public ConfiguredThresholds thresholds() {
        return container.select(ConfiguredThresholds.class).get();
    }

    /** The directory of the rule pack in service. */
    public Path rulesDirectory() {
        return Path.of(container.select(RulesSettings.class).get().dir());
    }

    /** The rule pack in service and where its setting came from, for a start-up line. */
    public String rulesOrigin() {
        return LifestageConfig.origin(container.select(Config.class).get(), RulesSettings.DIR);
    }

    /** The rule base the engine classifies with now. */
    public RuleBase ruleBase() {
        return liveRuleBase().current();
    }

    /** The rule base in service and its reloads. */
    public LiveRuleBase liveRuleBase() {
        return container.select(LiveRuleBase.class).get();
    }

    /**
     * Compiles another rule pack with this engine's thresholds, for example to preview a change.
     *
     * @throws io.lifestage.engine.classify.RulePackException when that pack is invalid
     */
    public RuleBase compile(Path rules) {
        return new RuleBaseCompiler(thresholds()).compile(rules);
    }

    /** Compares rule bases on the same customers, with this engine's metric settings. */
    public PackDiff packDiff() {
        return new PackDiff(container.select(MetricsCalculator.class).get());
    }

    /** Runs a rule pack's scenarios with this engine, its rule base in service and its metric settings. */
    public ScenarioRunner scenarioRunner() {
        LiveRuleBase live = liveRuleBase();
        return new ScenarioRunner(engine(), live::current, container.select(MetricsCalculator.class).get());
    }

    /**
     * Opens the stage store this engine is configured with ({@code lifestage.store.*}), creating or upgrading its
     * schema. The caller closes it.
     */
    public StageStore openStore() {
        return StageStore.open(container.select(StoreSettings.class).get());
    }

    /** A pipeline run over a store, classifying with the rule base in service and this engine's metrics. */
    public StageRun stageRun(StageStore store, Clock clock) {
        LiveRuleBase live = liveRuleBase();
        return new StageRun(store, live::current, container.select(MetricsCalculator.class).get(), clock)
                .retrying(RetryBudget.of(container.select(RetrySettings.class).get()))
                .handingOutActionsWithin(container.select(ActionSettings.class).get().maxAgeDuration());
    }

    @Override
    public void close() {
        container.shutdown();
    }
}
