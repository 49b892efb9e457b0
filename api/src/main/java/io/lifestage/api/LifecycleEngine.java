package io.lifestage.api;

import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one door host systems use: turns facts about customers into one lifecycle {@link Decision} per customer.
 *
 * <p>Implementations are thread-safe: several threads may classify at once. Each call reads the facts it is
 * given and nothing else; facts later than the as-of instant are ignored, so a run as of a past instant gives
 * the decisions that would have been made then.
 */
public interface LifecycleEngine {

    /** The stages the loaded rule pack declares. */
    StageModel stageModel();

    /** The version of the loaded rule base, as named in every decision it makes. */
    String ruleBaseVersion();

    /**
     * Classifies every customer the facts mention, as of the given instant.
     *
     * @return one decision per customer, ordered by customer id
     */
    List<Decision> classify(Collection<? extends Fact> facts, Instant asOf);

    /**
     * Classifies every customer the facts mention, as of the given instant, handing each decision to
     * {@code decisions} in customer-id order as soon as it is made. Suits inputs too large for a list: facts are
     * aggregated per customer as they are read, and not kept.
     *
     * @return counts of what the run read and decided
     */
    ClassificationSummary classify(Iterator<? extends Fact> facts, Instant asOf, Consumer<? super Decision> decisions);

    /**
     * Explains the decision for one customer of the facts, as of the given instant: which rules matched, which one
     * decided and why, and the values it read.
     *
     * @return the explanation, or empty when the facts do not mention the customer
     */
    Optional<Explanation> explain(String customerId, Collection<? extends Fact> facts, Instant asOf);
}
