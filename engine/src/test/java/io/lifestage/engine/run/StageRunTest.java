package io.lifestage.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifestage.api.CustomerProfile;
import io.lifestage.api.Decision;
import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.engine.config.StoreSettings;
import io.lifestage.engine.metrics.MetricsCalculator;
import io.lifestage.engine.metrics.RfmScales;
import io.lifestage.engine.store.TestStores;
import io.lifestage.testing.TestPack;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs of the pipeline over a small pack: visitors, buyers, and buyers who lapse after 30 silent days; moving
 * from visitor straight to lapsed is refused, and becoming a buyer triggers a welcome. On embedded H2; subclasses
 * run the same tests on other databases.
 */
class StageRunTest extends AbstractRunTest {

    private static final Instant DAY0 = Instant.parse("2025-01-01T10:00:00Z");

    @BeforeEach
    void start() throws Exception {
        TestPack.write(pack, "visitor,buyer,lapsed", """
                rule "lapsed" salience 3 when CustomerMetrics( daysSinceLastActivity >= threshold.get("lapse-days") )
                then verdict.assign("lapsed", "silent"); end
                rule "buyer" salience 2 when CustomerMetrics( orders > 0 ) then verdict.assign("buyer", "bought"); end
                rule "visitor" salience 1 when CustomerMetrics( ) then verdict.assign("visitor", "seen"); end
                rule "browser" salience 0 when CustomerMetrics( countWithin("Page Viewed", 30) >= 100 )
                then verdict.assign("visitor", "browses a lot"); end
                """);
        Files.writeString(pack.resolve("transitions.csv"), """
                from,to,policy,actions
                *,buyer,allow,welcome
                visitor,lapsed,refuse,
                """);
        Map<String, String> settings = new HashMap<>(emptyStore());
        settings.put("lifestage.threshold.lapse-days", "30");
        start(settings);
    }

    private StageRun.EvaluationSummary runAsOf(Instant asOf) {
        return runAsOf(asOf, RetryBudget.DEFAULT);
    }

    private StageRun.EvaluationSummary runAsOf(Instant asOf, RetryBudget retry) {
        return ingestAndEvaluate(engine.stageRun(store, Clock.systemUTC()).retrying(retry), asOf);
    }

    private static Instant day(int day) {
        return DAY0.plus(Duration.ofDays(day));
    }

    private void visit(String customer, int day) {
        input.add(Event.track(customer, "Page Viewed", day(day), Map.of()));
    }

    private void order(String customer, int day) {
        input.add(Event.track(customer, "Order Completed", day(day), Map.of("total", 50.0)));
    }

    private static List<String> moves(List<Transition> transitions) {
        return transitions.stream().map(t -> t.customerId() + ":" + t.from() + "->" + t.to() + "@" + t.at()).toList();
    }

    @Test
    void recordsEveryMoveAtTheInstantItHappenedEvenBetweenRuns() {
        visit("ann", 0);
        order("ann", 10);

        runAsOf(day(100));

        assertThat(moves(store.history("ann"))).containsExactly(
                "ann:null->visitor@" + day(0),
                "ann:visitor->buyer@" + day(10),
                "ann:buyer->lapsed@" + day(40));
        assertThat(moves(sink.transitions)).isEqualTo(moves(store.history("ann")));
        assertThat(sink.decisions).singleElement().satisfies(d -> assertThat(d.stage()).isEqualTo("lapsed"));
    }

    @Test
    void rerunningTheSameInputChangesNothingAndEmitsNothing() {
        visit("ann", 0);
        order("ann", 10);
        runAsOf(day(20));
        int delivered = sink.transitions.size();

        StageRun.EvaluationSummary again = runAsOf(day(20));

        assertThat(again.evaluated()).isZero();
        assertThat(again.transitions()).isZero();
        assertThat(sink.transitions).hasSize(delivered);
    }

    @Test
    void aRunWithNoOneDueDoesNotReadThePopulationsPurchases() {
        order("ann", 0);
        runAsOf(day(1));
        StageRun again = engine.stageRun(store, Clock.systemUTC());

        StageRun.EvaluationSummary summary = ingestAndEvaluate(again, day(1));

        assertThat(summary.evaluated()).isZero();
        assertThat(again.phaseTimes().get(StageRun.Phase.SCALES)).isZero();
    }

    @Test
    void factsDeliveredTwiceAreStoredOnce() {
        visit("ann", 0);
        StageRun run = engine.stageRun(store, Clock.systemUTC());

        StageRun.IngestSummary first = run.ingest(List.of(new StageRun.SourceUse("a",
                resume -> new ListSource(List.copyOf(input), resume))));
        StageRun.IngestSummary redelivered = run.ingest(List.of(new StageRun.SourceUse("b",
                resume -> new ListSource(List.copyOf(input), resume))));

        assertThat(first.factsStored()).isEqualTo(1);
        assertThat(redelivered.factsRead()).isEqualTo(1);
        assertThat(redelivered.factsStored()).isZero();
    }

    @Test
    void timeAloneMovesOnlyTheCustomersWhoseNextCheckHasCome() {
        order("ann", 0);
        visit("bob", 0);
        visit("bob", 15);
        runAsOf(day(20));

        StageRun.EvaluationSummary later = runAsOf(day(35));

        assertThat(later.evaluated()).as("only ann lapses by day 35; bob's refused lapse is not due yet").isEqualTo(1);
        assertThat(moves(store.history("ann"))).last().isEqualTo("ann:buyer->lapsed@" + day(30));
    }

    @Test
    void aCustomerIsDueAtTheInstantTimeAloneMovesThemAndNotBefore() {
        order("ann", 0);
        for (int day = 1; day <= 5; day++) {
            visit("ann", day);
        }
        runAsOf(day(6));

        StageRun.EvaluationSummary before = runAsOf(day(20));
        StageRun.EvaluationSummary after = runAsOf(day(40));

        assertThat(before.evaluated()).as("nothing the rules read changes before day 35").isZero();
        assertThat(after.evaluated()).isEqualTo(1);
        assertThat(moves(store.history("ann"))).last().isEqualTo("ann:buyer->lapsed@" + day(35));
    }

    @Test
    void aCustomerWithHundredsOfFactsStillMovesAtTheInstantItHappened() {
        order("ann", 0);
        Instant last = null;
        for (int day = 0; day < 400; day++) {
            last = day(day).plusSeconds(day * 61L);
            input.add(Event.track("ann", "Page Viewed", last, Map.of()));
        }

        runAsOf(day(500));

        assertThat(moves(store.history("ann"))).last().isEqualTo("ann:buyer->lapsed@" + last.plus(Duration.ofDays(30)));
    }

    @Test
    void aMoveBeyondTheLookAheadIsCheckedForOnTheWayAndStillRecordedAtItsInstant() {
        order("ann", 0);
        for (int day = 1; day <= 12; day++) {
            visit("ann", day);
        }
        runAsOf(day(13));

        StageRun.EvaluationSummary onTheWay = runAsOf(day(40));
        StageRun.EvaluationSummary after = runAsOf(day(50));

        assertThat(onTheWay.evaluated())
                .as("twelve visits leave the 30-day window the rules count in, from day 31 on: the ninth is as far"
                        + " as the look-ahead goes").isEqualTo(1);
        assertThat(onTheWay.transitions()).isZero();
        assertThat(after.transitions()).isEqualTo(1);
        assertThat(moves(store.history("ann"))).last().isEqualTo("ann:buyer->lapsed@" + day(42));
    }

    @Test
    void newFactsMakeACustomerDueAndMoveThemOnTheFactsDay() {
        visit("ann", 0);
        runAsOf(day(5));
        order("ann", 7);

        runAsOf(day(9));

        assertThat(moves(store.history("ann"))).last().isEqualTo("ann:visitor->buyer@" + day(7));
    }

    @Test
    void aNewFactMakesItsKnownCustomerDueFromTheFactsInstantUntilARunReachesIt() {
        order("ann", 0);
        runAsOf(day(1));
        visit("ann", 20);

        assertThat(runAsOf(day(10)).evaluated()).as("the visit is dated after the run").isZero();
        assertThat(runAsOf(day(21)).evaluated()).isEqualTo(1);
        assertThat(runAsOf(day(22)).evaluated()).as("the run of day 21 saw the visit").isZero();
        assertThat(moves(store.history("ann"))).containsExactly("ann:null->buyer@" + day(0));
    }

    @Test
    void aCustomerWhoseFactsChangeWhileBeingEvaluatedIsSavedAndLeftDueSoTheNextRunSeesTheFact() {
        Instant late = day(5).plus(Duration.ofHours(1));
        store.ingest("crm", List.of(Event.track("ann", "Page Viewed", day(0), Map.of())), "1", Instant.EPOCH);
        StageRun concurrent = new StageRun(store, engine.liveRuleBase()::current,
                engine.bean(MetricsCalculator.class), Clock.systemUTC(), (evaluations, runId) -> {
                    // An ingest between the evaluation's reading and its save, as a host serving requests does.
                    store.ingest("crm", List.of(Event.track("ann", "Order Completed", late, Map.of())), "2",
                            Instant.EPOCH);
                    store.save(evaluations, runId, Set.of("ann"));
                }, Duration.ZERO);

        concurrent.evaluate(day(5), List.of(), new StageRun.IngestSummary(1, 1, 0));
        StageRun.EvaluationSummary next = runAsOf(day(6));

        assertThat(next.evaluated()).as("ann, due again").isEqualTo(1);
        assertThat(moves(store.history("ann"))).containsExactly("ann:null->visitor@" + day(0),
                "ann:visitor->buyer@" + late);
    }

    @Test
    void aCustomerWhoseRowWentAwayDuringTheEvaluationIsNotStoredAgain() throws Exception {
        visit("ann", 0);
        visit("bob", 0);
        StageRun.IngestSummary ingested = engine.stageRun(store, Clock.systemUTC()).ingest(List.of(
                new StageRun.SourceUse("events", resume -> new ListSource(List.copyOf(input), resume))));
        StageRun erasing = new StageRun(store, engine.liveRuleBase()::current, engine.bean(MetricsCalculator.class),
                Clock.systemUTC(), (evaluations, runId) -> {
                    try {
                        TestStores.update(engine.bean(StoreSettings.class),
                                "DELETE FROM ls_customer WHERE customer_id = 'bob'");
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    store.save(evaluations, runId);
                }, Duration.ZERO);

        erasing.evaluate(day(5), List.of(), ingested);

        assertThat(store.history("bob")).as("no transition of a customer whose row is gone").isEmpty();
        assertThat(moves(store.history("ann"))).containsExactly("ann:null->visitor@" + day(0));
    }

    @Test
    void rfmScalesAreReusedWithinTheirRefreshIntervalAndComputedAgainAfter() throws Exception {
        StageRun reusing = new StageRun(store, engine.liveRuleBase()::current, engine.bean(MetricsCalculator.class),
                Clock.systemUTC(), store::save, Duration.ofHours(1));
        storeOrders("ann", 0);
        reusing.evaluate(day(1), List.of(), new StageRun.IngestSummary(0, 0, 0));
        storeOrders("bob", 2, 3, 4);
        reusing.evaluate(day(5), List.of(), new StageRun.IngestSummary(0, 0, 0));
        storeOrders("cid", 6, 7, 8);
        new StageRun(store, engine.liveRuleBase()::current, engine.bean(MetricsCalculator.class), Clock.systemUTC(),
                store::save, Duration.ZERO).evaluate(day(9), List.of(), new StageRun.IngestSummary(0, 0, 0));

        assertThat(frequencyScore("bob")).as("3 orders against the population of ann alone (1 order)").isEqualTo(5);
        assertThat(frequencyScore("cid")).as("3 orders against ann (1), bob (3) and cid (3)").isEqualTo(2);
    }

    @Test
    void aBuyerMadeDueByANewFactLeavesThePopulationAsStoredFromTheFactsInstant() {
        storeOrders("ann", 0);
        storeOrders("bob", 0, 1, 2);
        runAsOf(day(3));
        storeOrders("ann", 4);
        storeOrders("bob", 10);

        assertThat(store.buyersNotDue(day(5))).as("ann is scored from her facts, bob's order is still ahead")
                .containsExactly(new RfmScales.Buyer(day(2).toEpochMilli(), 3, 150.0));
        assertThat(store.buyersNotDue(day(11))).isEmpty();
    }

    private void storeOrders(String customer, int... days) {
        for (int day : days) {
            store.ingest("crm", List.of(Event.track(customer, "Order Completed", day(day), Map.of("total", 50.0))),
                    customer + day, Instant.EPOCH);
        }
    }

    private int frequencyScore(String customer) throws SQLException {
        List<Integer> scores = TestStores.query(engine.bean(StoreSettings.class),
                "SELECT rfm_frequency FROM ls_customer WHERE customer_id = ?", rs -> rs.getInt(1), customer);
        assertThat(scores).as("a row for " + customer).hasSize(1);
        return scores.get(0);
    }

    @Test
    void aRefusedMoveIsReportedOnceAndTheCustomerStaysPut() {
        visit("bob", 0);

        runAsOf(day(60));

        assertThat(store.history("bob")).extracting(Transition::to, Transition::policy).containsExactly(
                org.assertj.core.groups.Tuple.tuple("visitor", Transition.Policy.ALLOWED),
                org.assertj.core.groups.Tuple.tuple("lapsed", Transition.Policy.REFUSED));
        assertThat(store.stageCounts()).containsExactly(Map.entry("visitor", 1L));
    }

    @Test
    void actionsTravelWithTheTransitionsThatTriggerThem() {
        order("ann", 0);

        runAsOf(day(1));

        assertThat(sink.transitions).singleElement()
                .satisfies(t -> assertThat(t.actions()).containsExactly("welcome"));
    }

    @Test
    void anAnonymousVisitorsHistoryJoinsTheUserTheyIdentifyAs() {
        input.add(new Event(Event.Type.PAGE, null, "anon-1", Event.PAGE_VIEWED, day(0), Map.of(), Map.of()));
        runAsOf(day(1));
        input.add(new Event(Event.Type.IDENTIFY, "ann", "anon-1", Event.IDENTIFIED, day(2), Map.of(), Map.of()));
        order("ann", 3);

        runAsOf(day(4));

        assertThat(store.stageCounts()).containsExactly(Map.entry("buyer", 1L));
        assertThat(store.history("ann")).extracting(Transition::to).containsExactly("visitor", "buyer");
    }

    @Test
    void aFailedSinkLeavesTheChunkDueAndTheNextRunDeliversTheSameTransitions() {
        order("ann", 0);
        sink.failNextFlushes(1, new IllegalStateException("disk full"));

        assertThatThrownBy(() -> runAsOf(day(1))).hasMessageContaining("disk full");
        assertThat(store.history("ann")).isEmpty();
        assertThat(store.position("events")).as("committed with the facts, not held back by the sinks").contains("1");

        runAsOf(day(1));
        assertThat(moves(sink.transitions)).containsExactly("ann:null->buyer@" + day(0));
        assertThat(store.history("ann")).extracting(Transition::id)
                .containsExactly(sink.transitions.get(0).id());
    }

    /** A large run alone: it goes without the customers' indexes and, on H2, inserts new customers' rows. */
    private StageRun largeRun() {
        return engine.stageRun(store, Clock.systemUTC()).aloneInBulkFrom(1, 1);
    }

    /** The facts added so far, read from the start however far the store says the source was read. */
    private StageRun.SourceUse eventsFromTheStart() {
        return new StageRun.SourceUse("events", resume -> new ListSource(List.copyOf(input), Optional.empty()));
    }

    /** Ann's visit and order, stored by a large run stopped before it evaluated anyone; the store opened again. */
    private void storeAnnsFactsByALargeRunStoppedBeforeItEvaluated() {
        visit("ann", 0);
        order("ann", 10);
        largeRun().ingest(List.of(eventsFromTheStart()));
        store.close();
        store = engine.openStore();
    }

    @Test
    void aLargeRunRecordsTheSameMovesAndStagesAsAnyRun() {
        visit("ann", 0);
        order("ann", 10);
        order("bob", 90);

        ingestAndEvaluate(largeRun(), day(100));

        assertThat(moves(store.history("ann"))).containsExactly(
                "ann:null->visitor@" + day(0),
                "ann:visitor->buyer@" + day(10),
                "ann:buyer->lapsed@" + day(40));
        assertThat(moves(store.history("bob"))).containsExactly("bob:null->buyer@" + day(90));
        assertThat(store.stageCounts()).containsExactly(Map.entry("buyer", 1L), Map.entry("lapsed", 1L));
        assertThat(sink.decisions).extracting(Decision::stage).containsExactlyInAnyOrder("lapsed", "buyer");
        assertThat(store.dueCustomers(day(100))).isEmpty();
        assertThat(store.anyDue(day(100))).as("a store marked as holding customers without a row").isFalse();
        assertThat(store.dueCustomers(day(120))).containsExactly("bob");
    }

    @Test
    void aLargeImportWhoseRunStoppedBeforeEvaluatingLeavesItsCustomersDueAndItsFactsStoredOnce() {
        storeAnnsFactsByALargeRunStoppedBeforeItEvaluated();

        StageRun.IngestSummary again = largeRun().ingest(List.of(eventsFromTheStart()));

        assertThat(again.factsStored()).as("facts given again after a run stopped midway").isZero();
        assertThat(store.dueCustomers(day(20))).containsExactly("ann");
        assertThat(runAsOf(day(20)).evaluated()).isEqualTo(1);
        assertThat(moves(store.history("ann"))).containsExactly(
                "ann:null->visitor@" + day(0),
                "ann:visitor->buyer@" + day(10));
        assertThat(store.dueCustomers(day(20))).isEmpty();
    }

    @Test
    void aRunOverAStoreAKilledLargeImportLeftGivesItsCustomersTheirRowAndHistoryAndClearsTheMark() {
        storeAnnsFactsByALargeRunStoppedBeforeItEvaluated();

        // An ordinary run, on a store it did not mark: it looks up the facts of the customers it finds without a row.
        assertThat(runAsOf(day(20)).evaluated()).isEqualTo(1);

        assertThat(moves(store.history("ann"))).containsExactly(
                "ann:null->visitor@" + day(0),
                "ann:visitor->buyer@" + day(10));
        assertThat(store.stageCounts()).containsExactly(Map.entry("buyer", 1L));
        assertThat(store.anyDue(day(20))).as("a store marked as holding customers without a row").isFalse();
    }

    @Test
    void aLaterFactOfACustomerAKilledLargeImportLeftWithoutARowLeavesThemDueFromTheirFirstFact() {
        storeAnnsFactsByALargeRunStoppedBeforeItEvaluated();
        order("ann", 50);

        runAsOf(day(20));

        assertThat(moves(store.history("ann"))).containsExactly(
                "ann:null->visitor@" + day(0),
                "ann:visitor->buyer@" + day(10));
    }

    @Test
    void aSmallImportAfterABulkOneOfTheSameRunGivesItsNewCustomersTheirRowAtOnce() {
        visit("ann", 0);
        order("ann", 10);
        visit("bob", 1);
        StageRun following = engine.stageRun(store, Clock.systemUTC()).aloneInBulkFrom(3, 1_000);
        ingestAndEvaluate(following, day(20));
        visit("dan", 15);

        following.ingest(List.of(new StageRun.SourceUse("events",
                resume -> new ListSource(List.copyOf(input), resume))));

        assertThat(store.states(List.of("ann", "bob", "dan"))).as("rows, before the evaluation")
                .containsOnlyKeys("ann", "bob", "dan");
        assertThat(store.anyDue(day(14))).as("a store marked as holding customers without a row").isFalse();
    }

    @Test
    void anIdentifyCallAfterALargeImportMovesTheAnonymousHistoryToTheUser() {
        input.add(new Event(Event.Type.PAGE, null, "anon-1", Event.PAGE_VIEWED, day(0), Map.of(), Map.of()));
        largeRun().ingest(List.of(eventsFromTheStart()));
        input.add(new Event(Event.Type.IDENTIFY, "ann", "anon-1", Event.IDENTIFIED, day(9), Map.of(), Map.of()));
        order("ann", 10);

        runAsOf(day(20));

        assertThat(moves(store.history("ann"))).containsExactly(
                "ann:null->visitor@" + day(0),
                "ann:visitor->buyer@" + day(10));
        assertThat(store.history("anon-1")).isEmpty();
        assertThat(store.dueCustomers(day(20))).isEmpty();
    }

    @Test
    void aRunAloneThatFailsMidwayKeepsWhatTheSinksAcknowledgedAndTheNextRunDeliversTheRest() {
        // More customers than one chunk: the run alone reads the next chunk on a thread of its own while it walks one,
        // and stores each delivery on another connection; the second delivery fails with a chunk read ahead.
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            customers.add("c%05d".formatted(i));
            order(customers.get(i), 0);
        }
        sink.failFlushesAfter(1, 1, new IllegalStateException("disk full"));

        assertThatThrownBy(() -> ingestAndEvaluate(engine.stageRun(store, Clock.systemUTC()).alone(), day(1)))
                .hasMessageContaining("disk full");
        assertThat(sink.transitions).hasSize(1_000);
        assertThat(store.history(customers.get(999))).hasSize(1);
        assertThat(store.history(customers.get(1_000))).isEmpty();

        ingestAndEvaluate(engine.stageRun(store, Clock.systemUTC()).alone(), day(1));
        assertThat(sink.transitions).extracting(Transition::customerId).containsExactlyElementsOf(customers);
        assertThat(customers).allSatisfy(customer -> assertThat(store.history(customer)).hasSize(1));
    }

    @Test
    void aRetriableSinkFailureIsRetriedWithinTheBudgetAfterThePauseTheSinkAskedFor() {
        order("ann", 0);
        sink.failNextFlushes(2, ConnectorException.retriable("HTTP 429").retryAfter(Duration.ofMillis(20)));

        runAsOf(day(1), new RetryBudget(3, Duration.ofSeconds(1)));

        assertThat(moves(sink.transitions)).containsExactly("ann:null->buyer@" + day(0));
        assertThat(store.history("ann")).hasSize(1);
    }

    @Test
    void aSinkStillFailingAtTheLastAttemptOfTheBudgetStopsTheRun() {
        order("ann", 0);
        sink.failNextFlushes(2, ConnectorException.retriable("HTTP 429").retryAfter(Duration.ofMillis(20)));

        assertThatThrownBy(() -> runAsOf(day(1), new RetryBudget(2, Duration.ofSeconds(1))))
                .hasMessageContaining("HTTP 429");
        assertThat(store.history("ann")).isEmpty();
    }

    @Test
    @Timeout(30) // the source is polled on another thread: its failure must end the run, not leave it waiting
    void aSourceFailingMidwayStoresNothingAndTheNextRunReadsItFromTheSamePosition() {
        for (int day = 0; day < 5; day++) {
            visit("ann", day);
        }
        StageRun run = engine.stageRun(store, Clock.systemUTC());
        List<StageRun.SourceUse> failingAfterTwoPolls = List.of(new StageRun.SourceUse("events",
                resume -> new ListSource(List.copyOf(input), resume) {
                    private int polls;

                    @Override
                    public List<Fact> poll() {
                        if (++polls > 2) {
                            throw ConnectorException.fatal("the file went away");
                        }
                        return super.poll();
                    }
                }));

        assertThatThrownBy(() -> run.ingest(failingAfterTwoPolls)).hasMessageContaining("the file went away");
        assertThat(store.position("events")).isEmpty();

        runAsOf(day(5));
        assertThat(store.position("events")).contains("5");
        assertThat(moves(sink.transitions)).containsExactly("ann:null->visitor@" + day(0));
    }

    @Test
    void aProfileVersionDatedAfterTheAsOfInstantDoesNotHideTheCustomersEarlierProfile() {
        input.add(new CustomerProfile("carol", Map.of("plan", "pro"), day(0)));
        input.add(new CustomerProfile("carol", Map.of("plan", "pro", "lifecyclestage", "lead"), day(50)));
        input.add(new CustomerProfile("dave", Map.of("plan", "pro"), day(0)));

        StageRun.EvaluationSummary summary = runAsOf(day(20));

        assertThat(summary.evaluated()).isEqualTo(2);
        assertThat(sink.decisions).extracting(Decision::customerId).containsExactly("carol", "dave");
        assertThat(sink.decisions.get(0).stage()).as("as dave, who has only the earlier version")
                .isEqualTo(sink.decisions.get(1).stage());
    }

    @Test
    void aStoresFirstRunMayBeAsOfAnyInstantEvenBefore1970() {
        Instant asOf = Instant.parse("1969-12-01T00:00:00Z");
        input.add(Event.track("ann", "Page Viewed", asOf.minus(Duration.ofDays(1)), Map.of()));

        assertThat(runAsOf(asOf).evaluated()).as("no run before it to go forward from").isEqualTo(1);
    }

    @Test
    void aRunAsOfAnEarlierInstantThanTheLastIsRefused() {
        visit("ann", 0);
        runAsOf(day(10));

        assertThatThrownBy(() -> runAsOf(day(5))).hasMessageContaining("LS-RUN-0001")
                .hasMessageContaining("forward in time");
    }
}
