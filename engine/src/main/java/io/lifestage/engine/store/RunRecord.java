package io.lifestage.engine.store;

import java.time.Instant;

/**
 * A finished run as the store's run history keeps it ({@link StageStore#recordRun}).
 *
 * @param id                 the run's id, from {@link StageStore#nextRunId()}
 * @param startedAt          when the run started
 * @param finishedAt         when it finished
 * @param asOf               the instant it evaluated the customers as of
 * @param factsRead          the facts its sources handed over
 * @param factsStored        those of them the store did not hold yet
 * @param rejects            the records its sources refused
 * @param customersEvaluated the customers it evaluated
 * @param transitions        the transitions it recorded
 * @param ruleBaseVersion    the version of the rule base it classified with
 */
public record RunRecord(long id, Instant startedAt, Instant finishedAt, Instant asOf, long factsRead,
                        long factsStored, long rejects, long customersEvaluated, long transitions,
                        String ruleBaseVersion) {
}
