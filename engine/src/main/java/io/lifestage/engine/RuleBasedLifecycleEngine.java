package io.lifestage.engine;

import io.lifestage.api.ClassificationSummary;
import io.lifestage.api.Decision;
import io.lifestage.api.Explanation;
import io.lifestage.api.Fact;
import io.lifestage.api.LifecycleEngine;
import io.lifestage.api.StageModel;
import io.lifestage.engine.classify.Classifier;
import io.lifestage.engine.classify.LiveRuleBase;
import io.lifestage.engine.classify.RuleBase;
import io.lifestage.engine.config.ClassifySettings;
import io.lifestage.engine.metrics.MetricsCalculator;
import io.lifestage.engine.metrics.MetricsRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The engine: aggregates facts into per-customer metrics, then classifies customers in id order, in batches, on
 * worker threads that each own a rule session for the duration of the call. A call takes the rule base in service
 * when it starts and uses it to the end, so a reload never mixes versions within one call.
 */
@ApplicationScoped
class RuleBasedLifecycleEngine implements LifecycleEngine {

    private LiveRuleBase ruleBase;
    private MetricsCalculator metrics;
    private ClassifySettings settings;

    RuleBasedLifecycleEngine() {
    }

    @Inject
    RuleBasedLifecycleEngine(LiveRuleBase ruleBase, MetricsCalculator metrics, ClassifySettings settings) {
        this.ruleBase = ruleBase;
        this.metrics = metrics;
        this.settings = settings;
    }

    @Override
    public StageModel stageModel() {
        return ruleBase.current().stageModel();
    }

    @Override
    public String ruleBaseVersion() {
        return ruleBase.current().version();
    }

    @Override
    public List<Decision> classify(Collection<? extends Fact> facts, Instant asOf) {
        List<Decision> decisions = new ArrayList<>();
        classify(facts.iterator(), asOf, decisions::add);
        return decisions;
    }

    @Override
    public ClassificationSummary classify(Iterator<? extends Fact> facts, Instant asOf,
                                          Consumer<? super Decision> decisions) {
        long started = System.nanoTime();
        RuleBase rules = ruleBase.current();
        MetricsRun run = metrics.newRun(asOf);
        facts.forEachRemaining(run::add);
        int customers = run.finish();
        Map<String, Long> byStage = new LinkedHashMap<>();
        rules.stageModel().names().forEach(stage -> byStage.put(stage, 0L));
        int threads = Math.max(1, Math.min(settings.effectiveThreads(), customers / 1_000));
        List<Classifier> classifiers = new ArrayList<>();
        ExecutorService workers = threads > 1 ? Executors.newFixedThreadPool(threads, daemon()) : null;
        try {
            for (int i = 0; i < threads; i++) {
                classifiers.add(rules.newClassifier());
            }
            int batch = Math.max(1, settings.batchSize());
            for (int from = 0; from < customers; from += batch) {
                Decision[] out = classifyBatch(run, from, Math.min(customers, from + batch), classifiers, workers);
                for (Decision decision : out) {
                    byStage.merge(decision.stage(), 1L, Long::sum);
                    decisions.accept(decision);
                }
            }
        } finally {
            classifiers.forEach(Classifier::close);
            if (workers != null) {
                workers.shutdownNow();
            }
        }
        return new ClassificationSummary(run.factsRead(), run.factsAfterAsOf(), byStage,
                Duration.ofNanos(System.nanoTime() - started));
    }

    @Override
    public Optional<Explanation> explain(String customerId, Collection<? extends Fact> facts, Instant asOf) {
        MetricsRun run = metrics.newRun(asOf);
        facts.forEach(run::add);
        run.finish();
        int index = run.indexOf(customerId);
        if (index < 0) {
            return Optional.empty();
        }
        try (Classifier classifier = ruleBase.current().newClassifier()) {
            return Optional.of(classifier.explain(run.takeMetrics(index)));
        }
    }

    private static Decision[] classifyBatch(MetricsRun run, int from, int to, List<Classifier> classifiers,
                                            ExecutorService workers) {
        Decision[] out = new Decision[to - from];
        if (workers == null) {
            classifyRange(run, from, from, to, classifiers.get(0), out);
            return out;
        }
        int share = (to - from + classifiers.size() - 1) / classifiers.size();
        List<Future<?>> parts = new ArrayList<>();
        for (int w = 0; w < classifiers.size(); w++) {
            int start = from + w * share;
            int end = Math.min(to, start + share);
            Classifier classifier = classifiers.get(w);
            if (start < end) {
                parts.add(workers.submit(() -> classifyRange(run, from, start, end, classifier, out)));
            }
        }
        for (Future<?> part : parts) {
            try {
                part.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("classification was interrupted", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        return out;
    }

    private static void classifyRange(MetricsRun run, int base, int start, int end, Classifier classifier,
                                      Decision[] out) {
        for (int i = start; i < end; i++) {
            out[i - base] = classifier.classify(run.takeMetrics(i));
        }
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return runnable -> {
            Thread thread = new Thread(runnable, "lifestage-classify");
            thread.setDaemon(true);
            return thread;
        };
    }
}
