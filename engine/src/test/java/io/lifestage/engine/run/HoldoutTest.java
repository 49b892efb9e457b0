package io.lifestage.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.ActionFired;
import io.lifestage.api.Event;
import io.lifestage.api.Transition;
import io.lifestage.engine.classify.ActionCatalog;
import io.lifestage.engine.config.MetricsSettings;
import io.lifestage.engine.config.ReportSettings;
import io.lifestage.engine.metrics.TierPolicy;
import io.lifestage.engine.report.ActionUplift;
import io.lifestage.engine.report.ReportStages;
import io.lifestage.engine.report.Reports;
import io.lifestage.engine.store.StageStore;
import io.lifestage.testing.TestPack;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Holdout groups through real runs of the pipeline: forty customers sign up, the welcome journey's action holds half
 * of them out, every third one orders two days later and one more nine days later (after the outcome's window); the
 * move to buyer triggers a thank-you that holds half out too. A held-out customer still gets the journey or the
 * move, recorded in the store, but no sink ever receives its action, nor a transition that lists it; the report
 * counts both groups from what the runs stored. On embedded H2; a subclass runs them on PostgreSQL.
 */
class HoldoutTest extends AbstractRunTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final List<String> CUSTOMERS = IntStream.range(0, 40).mapToObj(i -> String.format("c%02d", i))
            .toList();
    private static final String LATE_BUYER = "c01";

    @BeforeEach
    void start() throws Exception {
        TestPack.write(pack, "visitor,buyer", """
                rule "buyer" salience 2 when CustomerMetrics( orders > 0 ) then verdict.assign("buyer", "bought"); end
                rule "visitor" salience 1 when CustomerMetrics( ) then verdict.assign("visitor", "seen"); end
                """);
        Files.writeString(pack.resolve("journeys.csv"), "name,trigger,wait,cancel,stages,action\n"
                + "welcome,Signed Up,,,,welcome-email\n");
        Files.writeString(pack.resolve("transitions.csv"), "from,to,policy,actions\n*,buyer,allow,thanks\n");
        Files.writeString(pack.resolve("actions.csv"), "action,channel,traits,metrics,properties,holdout,outcome\n"
                + "welcome-email,email:welcome,,,,50%,Order Completed within 7d\n"
                + "thanks,email:thanks,,,,50%,Order Completed within 30d\n");
        start(emptyStore());
        for (int i = 0; i < CUSTOMERS.size(); i++) {
            String customer = CUSTOMERS.get(i);
            input.add(Event.track(customer, "Signed Up", T0, Map.of()));
            if (i % 3 == 0) {
                input.add(Event.track(customer, "Order Completed", T0.plus(Duration.ofDays(2)), Map.of("total", 9)));
            }
        }
        input.add(Event.track(LATE_BUYER, "Order Completed", T0.plus(Duration.ofDays(9)), Map.of("total", 9)));
    }

    private void runAsOf(Instant asOf) {
        ingestAndEvaluate(engine.stageRun(store, Clock.systemUTC()), asOf);
    }

    /**
     * Runs as of an hour, three days and ten days after the sign-ups: each run hands out the actions that came due
     * since the last, all of them within days of its as-of.
     */
    private void runForTenDays() {
        runAsOf(T0.plus(Duration.ofHours(1)));
        runAsOf(T0.plus(Duration.ofDays(3)));
        runAsOf(T0.plus(Duration.ofDays(10)));
    }

    private Predicate<String> heldOut() {
        return heldOutOf("welcome-email");
    }

    private Predicate<String> heldOutOf(String action) {
        ActionCatalog.Action declared = engine.ruleBase().actions().action(action);
        return declared::holdsOut;
    }

    private List<String> deliveredTo(String action) {
        return sink.actions.stream().filter(a -> a.action().equals(action)).map(ActionFired::customerId).toList();
    }

    @Test
    void aHeldOutCustomerGetsTheJourneyInTheStoreButNoSinkReceivesItsAction() {
        runForTenDays();

        List<String> heldOut = CUSTOMERS.stream().filter(heldOut()).toList();
        List<String> treated = CUSTOMERS.stream().filter(heldOut().negate()).toList();
        assertThat(heldOut).isNotEmpty();
        assertThat(treated).isNotEmpty();
        assertThat(deliveredTo("welcome-email")).containsExactlyInAnyOrderElementsOf(treated);
        for (String customer : CUSTOMERS) {
            assertThat(store.actions(customer)).filteredOn(stored -> stored.action().equals("welcome-email"))
                    .singleElement().extracting(StageStore.StoredAction::heldOut).as("held out, %s", customer)
                    .isEqualTo(heldOut.contains(customer));
        }
    }

    @Test
    void aHeldOutCustomersMoveIsDeliveredWithoutTheActionItWouldHaveTriggered() {
        runForTenDays();

        List<Transition> toBuyer = sink.transitions.stream().filter(t -> t.to().equals("buyer")).toList();
        List<String> buyers = toBuyer.stream().map(Transition::customerId).toList();
        assertThat(buyers).hasSize(15);
        assertThat(buyers).filteredOn(heldOutOf("thanks")).isNotEmpty();
        assertThat(buyers).filteredOn(heldOutOf("thanks").negate()).isNotEmpty();
        for (Transition move : toBuyer) {
            boolean held = heldOutOf("thanks").test(move.customerId());
            assertThat(move.actions()).isEqualTo(held ? List.of() : List.of("thanks"));
            assertThat(store.actions(move.customerId())).filteredOn(stored -> stored.action().equals("thanks"))
                    .singleElement().extracting(StageStore.StoredAction::heldOut).isEqualTo(held);
        }
        assertThat(deliveredTo("thanks")).containsExactlyInAnyOrderElementsOf(
                buyers.stream().filter(heldOutOf("thanks").negate()).toList());
    }

    @Test
    void aReplayInStepsHandsOutTheSameTreatedActionsOnceAndStillNoneHeldOut() {
        runAsOf(T0.minus(Duration.ofMinutes(1)));
        runForTenDays();
        runAsOf(T0.plus(Duration.ofDays(11)));

        assertThat(deliveredTo("welcome-email"))
                .containsExactlyInAnyOrderElementsOf(CUSTOMERS.stream().filter(heldOut().negate()).toList());
    }

    @Test
    void theReportCountsEachGroupAndWhoOrderedWithinTheWeekAfterTheWelcome() {
        runForTenDays();
        Reports reports = new Reports(store, ReportStages.of(engine.ruleBase().stageModel()),
                engine.bean(ReportSettings.class), TierPolicy.of(engine.bean(MetricsSettings.class)),
                engine.ruleBase().actions());

        List<ActionUplift> uplift = reports.uplift(T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(10)));

        Set<String> buyers = Set.copyOf(IntStream.range(0, CUSTOMERS.size()).filter(i -> i % 3 == 0)
                .mapToObj(CUSTOMERS::get).toList());
        List<String> heldOut = CUSTOMERS.stream().filter(heldOut()).toList();
        List<String> treated = CUSTOMERS.stream().filter(heldOut().negate()).toList();
        assertThat(uplift).extracting(ActionUplift::action).containsExactly("welcome-email", "thanks");
        assertThat(uplift).first().satisfies(welcome -> {
            assertThat(welcome.action()).isEqualTo("welcome-email");
            assertThat(welcome.outcome()).isEqualTo("Order Completed within 7d");
            assertThat(welcome.holdout()).isEqualTo(0.5);
            assertThat(welcome.treated().customers()).isEqualTo(treated.size());
            assertThat(welcome.treated().reached()).isEqualTo(treated.stream().filter(buyers::contains).count());
            assertThat(welcome.heldOut().customers()).isEqualTo(heldOut.size());
            assertThat(welcome.heldOut().reached()).isEqualTo(heldOut.stream().filter(buyers::contains).count());
        });
        // the order nine days after the welcome is outside its window: whichever group, it is not counted
        assertThat(buyers).doesNotContain(LATE_BUYER);
    }
}
