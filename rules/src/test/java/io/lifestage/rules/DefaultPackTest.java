package io.lifestage.rules;

import static io.lifestage.rules.History.AS_OF;
import static io.lifestage.rules.History.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.Decision;
import io.lifestage.api.Event;
import io.lifestage.api.Explanation;
import io.lifestage.api.Fact;
import io.lifestage.api.LifecycleEngine;
import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.config.RulesSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every rule of the default pack, at and around each of its thresholds (the configured defaults). */
class DefaultPackTest {

    private static LifestageContainer container;
    private static LifecycleEngine engine;

    @BeforeAll
    static void startEngine() {
        container = LifestageContainer.start(Map.of(RulesSettings.DIR, "pack"), null);
        engine = container.engine();
    }

    @AfterAll
    static void stopEngine() {
        container.close();
    }

    private static Decision decide(History history) {
        List<Decision> decisions = engine.classify(history.events(), AS_OF);
        assertThat(decisions).hasSize(1);
        return decisions.get(0);
    }

    /** Asserts the stage the pack decides for the history, the rule that decided it and the reason it gave. */
    private static void assertDecision(History history, String stage, String rule, String reason) {
        assertThat(decide(history)).extracting(Decision::stage, Decision::rule, Decision::reason)
                .containsExactly(stage, rule, reason);
    }

    private static String stageOf(History history) {
        return decide(history).stage();
    }

    @Nested
    class Churn {

        @Test
        void churnsWhenTheLatestSubscriptionEventIsACancellation() {
            Decision decision = decide(History.of("c1")
                    .did("Subscription Started", 200).did("Subscription Cancelled", 5).visit(1));

            assertThat(decision.stage()).isEqualTo("churn");
            assertThat(decision.rule()).isEqualTo("churn-subscription-cancelled");
            assertThat(decision.reason()).contains("Subscription Cancelled");
        }

        @Test
        void staysWhenAnOrderFollowsTheCancellation() {
            assertThat(stageOf(History.of("c1")
                    .did("Subscription Started", 200).did("Subscription Cancelled", 50).order(10)))
                    .isEqualTo("retention");
        }

        @Test
        void staysWhenTheSubscriptionWasRenewedAfterTheCancellation() {
            assertThat(stageOf(History.of("c1").did("Subscription Started", 300)
                    .did("Subscription Cancelled", 100).did("Subscription Renewed", 60)))
                    .isEqualTo("retention");
        }

        @Test
        void churnsAfterExactly180DaysWithoutActivity() {
            assertDecision(History.of("c1").order(400).visit(180),
                    "churn", "churn-inactive", "no activity for 180 days (churn after 180)");
        }

        @Test
        void doesNotChurnOneSecondBefore180Days() {
            assertThat(stageOf(History.of("c1").order(400).visit(180 - 1.0 / 86_400))).isEqualTo("retention");
        }

        @Test
        void churnBeatsLoyalty() {
            assertThat(stageOf(History.of("c1").order(300).order(200).order(190)
                    .did("Subscription Started", 250).did("Subscription Cancelled", 185)))
                    .isEqualTo("churn");
        }

        @Test
        void aSilentVisitorWhoNeverBoughtIsNotChurnedButAware() {
            assertThat(stageOf(History.of("v1").visit(400))).isEqualTo("awareness");
        }
    }

    @Nested
    class Loyalty {

        @Test
        void isLoyalWithThreeOrdersInTheLast365Days() {
            assertDecision(History.of("c1").order(364).order(100).order(10),
                    "loyalty", "loyalty-frequent-buyer", "3 orders in the last 365 days (loyal from 3)");
        }

        @Test
        void anOrderExactly365DaysAgoIsOutsideTheYear() {
            assertThat(stageOf(History.of("c1").order(365).order(100).order(10))).isEqualTo("retention");
        }

        @Test
        void twoOrdersInTheYearAreNotEnough() {
            assertThat(stageOf(History.of("c1").order(100).order(40))).isEqualTo("retention");
        }

        @Test
        void isLoyalAsAPromoterWithTwoOrders() {
            assertDecision(History.of("c1").order(300).order(100).survey(9, 50),
                    "loyalty", "loyalty-promoter", "latest survey score 9 with 2 orders");
        }

        @Test
        void aScoreOfEightIsNotAPromoter() {
            assertThat(stageOf(History.of("c1").order(300).order(100).survey(8, 50))).isEqualTo("retention");
        }

        @Test
        void aPromoterNeedsTwoOrders() {
            assertThat(stageOf(History.of("c1").order(100).survey(10, 50))).isEqualTo("retention");
        }

        @Test
        void onlyTheLatestSurveyCounts() {
            assertThat(stageOf(History.of("c1").order(300).order(100).survey(10, 90).survey(4, 20)))
                    .isEqualTo("retention");
        }

        @Test
        void isLoyalAfterAReferralInTheLast365Days() {
            assertDecision(History.of("c1").order(100).did("Referral Sent", 364),
                    "loyalty", "loyalty-referrer", "sent a referral 364 days ago");
        }

        @Test
        void aReferral365DaysAgoIsTooOld() {
            assertThat(stageOf(History.of("c1").order(100).did("Referral Sent", 365))).isEqualTo("retention");
        }

        @Test
        void aReferralFromSomeoneWhoNeverBoughtIsNotLoyalty() {
            assertThat(stageOf(History.of("v1").did("Referral Sent", 3))).isEqualTo("awareness");
        }
    }

    @Nested
    class Conversion {

        @Test
        void convertsWithAFirstOrder29DaysAgo() {
            assertDecision(History.of("c1").visit(40).order(29),
                    "conversion", "conversion-first-purchase", "first and only purchase 29 days ago (within 30)");
        }

        @Test
        void aFirstOrderExactly30DaysAgoIsRetention() {
            assertThat(stageOf(History.of("c1").order(30))).isEqualTo("retention");
        }

        @Test
        void aSubscriptionStartIsAFirstPurchase() {
            assertThat(stageOf(History.of("c1").did("Subscription Started", 3))).isEqualTo("conversion");
        }

        @Test
        void aSecondPurchaseEndsConversion() {
            assertThat(stageOf(History.of("c1").order(20).did("Subscription Started", 3))).isEqualTo("retention");
        }
    }

    @Nested
    class Retention {

        @Test
        void anyOtherCustomerIsRetained() {
            assertDecision(History.of("c1").order(120).order(60).visit(2),
                    "retention", "retention-customer", "2 purchases, last one 60 days ago, active 2 days ago");
        }
    }

    @Nested
    class Consideration {

        @ParameterizedTest
        @ValueSource(strings = {"Signed Up", "Lead Created", "Trial Started", "Product Added", "Checkout Started",
                "Email Link Clicked"})
        void considersAfterAnIntentSignalInTheLast90Days(String signal) {
            assertDecision(History.of("v1").visit(200).did(signal, 89),
                    "consideration", "consideration-intent", signal + " 89 days ago (within 90)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Signed Up", "Lead Created", "Trial Started", "Product Added", "Checkout Started",
                "Email Link Clicked"})
        void anIntentSignal90DaysAgoIsTooOld(String signal) {
            assertThat(stageOf(History.of("v1").did(signal, 90))).isEqualTo("awareness");
        }

        @Test
        void considersAfterThreeProductViewsInTheLast90Days() {
            assertDecision(History.of("v1")
                    .did("Product Viewed", 89).did("Product Viewed", 30).did("Product Viewed", 1),
                    "consideration", "consideration-browsing", "3 products viewed in the last 90 days");
        }

        @Test
        void twoRecentProductViewsAreNotEnough() {
            assertThat(stageOf(History.of("v1")
                    .did("Product Viewed", 90).did("Product Viewed", 30).did("Product Viewed", 1)))
                    .isEqualTo("awareness");
        }

        @Test
        void aCustomerIsNeverInConsideration() {
            assertThat(stageOf(History.of("c1").order(100).did("Product Added", 1))).isEqualTo("retention");
        }
    }

    @Nested
    class Awareness {

        @Test
        void aVisitorWithoutIntentIsAware() {
            assertDecision(History.of("v1").visit(3).did("Email Opened", 1),
                    "awareness", "awareness-seen", "last seen 1 days ago, no sign of intent");
        }

        @Test
        void unknownEventsCountAsActivity() {
            Decision decision = decide(History.of("v1").did("Video Played", 7));

            assertThat(decision.stage()).isEqualTo("awareness");
            assertThat(decision.reason()).isEqualTo("last seen 7 days ago, no sign of intent");
        }
    }

    @Nested
    class Identity {

        @Test
        void anAnonymousHistoryCountsForTheUserItIdentifiesAs() {
            List<Fact> facts = List.of(
                    new Event(Event.Type.TRACK, null, "anon-1", "Product Added", daysAgo(10), Map.of(), Map.of()),
                    new Event(Event.Type.IDENTIFY, "u1", "anon-1", Event.IDENTIFIED, daysAgo(9), Map.of(),
                            Map.of("email", "u1@example.com")));

            List<Decision> decisions = engine.classify(facts, AS_OF);

            assertThat(decisions).extracting(Decision::customerId).containsExactly("u1");
            assertThat(decisions.get(0).stage()).isEqualTo("consideration");
            assertThat(decisions.get(0).reason()).isEqualTo("Product Added 10 days ago (within 90)");
        }

        @Test
        void anAnonymousOrderMakesTheUserACustomer() {
            List<Fact> facts = new ArrayList<>(History.of("u1").visit(300).events());
            facts.add(new Event(Event.Type.TRACK, null, "anon-9", "Order Completed", daysAgo(5),
                    Map.of("total", 20), Map.of()));
            facts.add(new Event(Event.Type.IDENTIFY, "u1", "anon-9", Event.IDENTIFIED, daysAgo(4), Map.of(), Map.of()));

            List<Decision> decisions = engine.classify(facts, AS_OF);

            assertThat(decisions).extracting(Decision::customerId, Decision::stage)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("u1", "conversion"));
        }

        @Test
        void anAnonymousVisitorWhoNeverIdentifiesIsACustomerOfTheirOwn() {
            List<Event> facts = List.of(
                    new Event(Event.Type.PAGE, null, "anon-2", Event.PAGE_VIEWED, daysAgo(2), Map.of(), Map.of()));

            assertThat(engine.classify(facts, AS_OF)).extracting(Decision::customerId).containsExactly("anon-2");
        }
    }

    @Nested
    class Explanations {

        @Test
        void sayWhichRulesMatchedWhichDecidedAndWhatItRead() {
            History history = History.of("c1").order(300).order(100).order(10);

            Explanation explanation = engine.explain("c1", history.events(), AS_OF).orElseThrow();

            assertThat(explanation.decision().stage()).isEqualTo("loyalty");
            assertThat(explanation.matches()).extracting(Explanation.RuleMatch::rule).containsExactly(
                    "loyalty-frequent-buyer", "retention-customer", "awareness-seen");
            assertThat(explanation.matches().get(0).decided()).isTrue();
            assertThat(explanation.inputs()).containsExactly(
                    Map.entry("customer", true),
                    Map.entry("countWithin(\"Order Completed\", 365)", 3),
                    Map.entry("threshold loyalty-window-days", 365),
                    Map.entry("threshold loyalty-orders", 3));
        }

        @Test
        void showTheRecencyOfEachIntentSignal() {
            History history = History.of("v1").did("Trial Started", 12);

            Explanation explanation = engine.explain("v1", history.events(), AS_OF).orElseThrow();

            assertThat(explanation.decision().rule()).isEqualTo("consideration-intent");
            assertThat(explanation.inputs()).containsEntry("daysSinceLast(\"Trial Started\")", 12)
                    .containsEntry("daysSinceLast(\"Signed Up\")", "never")
                    .containsEntry("threshold consideration-window-days", 90);
        }

        @Test
        void areEmptyForACustomerTheFactsDoNotMention() {
            assertThat(engine.explain("nobody", History.of("c1").visit(1).events(), AS_OF)).isEmpty();
        }
    }

    @Nested
    class AsOf {

        @Test
        void eventsAfterTheAsOfInstantAreIgnored() {
            History history = History.of("c1").order(100).order(50).order(-1);

            assertThat(stageOf(history)).isEqualTo("retention");
        }

        @Test
        void everyDecisionNamesTheInstantAndTheRuleBaseVersion() {
            Decision decision = decide(History.of("v1").visit(1));

            assertThat(decision.asOf()).isEqualTo(AS_OF);
            assertThat(decision.ruleBaseVersion()).isEqualTo(engine.ruleBaseVersion()).hasSize(12);
        }
    }
}
