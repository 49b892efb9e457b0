package io.lifestage.api;

import io.lifestage.api.bootstrap.LifestageProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * A running, stateful Lifestage for a host system: it stores the facts it is given, keeps every customer's stage and
 * history in the stage store, evaluates customers in the background and tells subscribers of every transition.
 * Obtained with {@link #builder()} (which finds the engine through {@link ServiceLoader}, so a host compiles against
 * this module only) or from the engine's CDI container.
 *
 * <p>Thread-safe: any thread may call any method. Ingested facts are evaluated by one background evaluator, soon
 * after the call returns and again whenever time alone may move a customer; {@link #awaitEvaluated} waits for it.
 * Transitions reach subscribers at least once, on the evaluator's thread, before they are stored.
 * Close it to stop the evaluator and release the store.
 */
public interface Lifestage extends AutoCloseable {

    /**
     * A builder of an embedded Lifestage: {@link Builder#start()} starts it with its store,
     * {@link Builder#startEngine()} the stateless engine alone.
     */
    static Builder builder() {
        return new Builder();
    }

    /** The stateless engine: classify or explain facts without storing anything. */
    LifecycleEngine engine();

    /** Stores facts (already stored ones are skipped) and wakes the evaluator. */
    Ingested ingest(Collection<? extends Fact> facts);

    /** Waits until every fact ingested before this call has been evaluated; false when the timeout passed first. */
    boolean awaitEvaluated(Duration timeout) throws InterruptedException;

    /** How long the oldest fact not yet evaluated has waited; zero when the evaluator is up to date. */
    Duration evaluationLag();

    /**
     * Why evaluations keep failing (the last failure's error code, such as {@code LS-RULE-0012}; the log has the
     * rest), when the last several in a row failed; empty while they succeed. A host reports itself not ready
     * meanwhile: stages stop moving until the cause is fixed.
     */
    default Optional<String> evaluationFailure() {
        return Optional.empty();
    }

    /** The customer's current stage; empty when the store has no stage for them (yet). */
    Optional<CustomerStage> stage(String customerId);

    /** Every transition of the customer, oldest first; empty for an unknown customer. */
    List<Transition> history(String customerId);

    /** Why the customer is in their stage as of now, from their stored facts; empty for an unknown customer. */
    Optional<Explanation> explain(String customerId);

    /** At most {@code limit} customers in a stage whose ids sort after {@code after} (null: from the first), by id. */
    List<CustomerStage> customers(String stage, String after, int limit);

    /** Customers per stage, in the stage model's order, zero counts included. */
    Map<String, Long> stageCounts();

    /**
     * Deletes every fact, identity link, stage and transition of the customer, keeping a record without the id. On an
     * embedded H2 store the deleted rows also leave its file within {@code lifestage.host.erasure-compaction-delay},
     * by a compaction during which other calls wait (and fail as the store being unavailable after 2 s).
     */
    Erasure erase(String customerId);

    /** Calls {@code listener} with every transition from now on, until the subscription is closed. */
    Subscription subscribe(Consumer<? super Transition> listener);

    /**
     * Calls {@code listener} with every action that comes due from now on — of the rule pack's journeys and of
     * transitions, with its channel and payload, but those of the action's control group (the pack's holdout) —
     * until the subscription is closed; like transitions, at least once, on the evaluator's thread, before they are
     * stored.
     */
    Subscription subscribeActions(Consumer<? super ActionFired> listener);

    /** The rule base in service and the outcome of the last reload. */
    RulesStatus rules();

    /**
     * Stops the evaluator, runs a compaction still due after erasures (see {@link #erase}), and releases the store;
     * safe to call more than once.
     */
    @Override
    void close();

    /** An active subscription; closing it stops the calls. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * What an ingest did.
     *
     * @param received facts given
     * @param stored   facts new to the store (the others were stored before)
     */
    record Ingested(int received, int stored) {
    }

    /**
     * What an erasure deleted.
     *
     * @param found              whether the store knew the customer at all
     * @param factsDeleted       facts deleted
     * @param transitionsDeleted transitions deleted
     */
    record Erasure(boolean found, long factsDeleted, long transitionsDeleted) {
    }

    /**
     * The rule base in service.
     *
     * @param version       its version, as named in every decision
     * @param loadedAt      when it was compiled
     * @param stages        the stage names it declares, in order
     * @param reloadError   why the last reload was refused, or null when it succeeded or none was tried
     * @param reloadErrorAt when that reload was refused, or null
     */
    record RulesStatus(String version, Instant loadedAt, List<String> stages, String reloadError,
                       Instant reloadErrorAt) {

        public RulesStatus {
            Objects.requireNonNull(version, "version");
            stages = List.copyOf(stages);
        }
    }

    /** Settings of an embedded Lifestage: any key of the configuration reference, with shortcuts for the usual. */
    final class Builder {

        private final Map<String, String> settings = new LinkedHashMap<>();
        private Path configFile;

        private Builder() {
        }

        /** The rule pack directory ({@code lifestage.rules.dir}). */
        public Builder rules(Path directory) {
            return config("lifestage.rules.dir", directory.toString());
        }

        /** The stage store's JDBC URL ({@code lifestage.store.url}). */
        public Builder store(String jdbcUrl) {
            return config("lifestage.store.url", jdbcUrl);
        }

        /** Any setting; stronger than system properties, environment variables and the configuration file. */
        public Builder config(String key, String value) {
            settings.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** A properties file of settings, weaker than {@link #config}. */
        public Builder configFile(Path file) {
            this.configFile = file;
            return this;
        }

        /**
         * Starts the engine: compiles the rule pack, opens (or creates) the store and starts the evaluator.
         *
         * @throws IllegalStateException when no engine is on the class path
         */
        public Lifestage start() {
            return provider().start(Map.copyOf(settings), configFile);
        }

        /**
         * Starts a stateless engine instead, for classification and explanation only: compiles the rule pack and
         * opens no store (the store settings are not used).
         *
         * @throws IllegalStateException when no engine is on the class path
         */
        public StandaloneEngine startEngine() {
            return provider().startEngine(Map.copyOf(settings), configFile);
        }

        private static LifestageProvider provider() {
            return ServiceLoader.load(LifestageProvider.class, Lifestage.class.getClassLoader())
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("LS-HOST-0001 no Lifestage engine on the class"
                            + " path: add io.lifestage:lifestage-engine as a runtime dependency"));
        }
    }

    /**
     * A stateless engine started on its own by {@link Builder#startEngine()}: it classifies and explains the facts it
     * is given and stores nothing. Thread-safe; close it to release the rule base.
     */
    interface StandaloneEngine extends LifecycleEngine, AutoCloseable {

        @Override
        void close();
    }
}
