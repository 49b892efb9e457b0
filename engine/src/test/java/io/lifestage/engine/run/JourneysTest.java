package io.lifestage.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.ActionFired;
import io.lifestage.api.CustomerProfile;
import io.lifestage.api.Event;
import io.lifestage.engine.store.StageStore;
import io.lifestage.testing.TestPack;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Journeys beside the stage through real runs of the pipeline: an abandoned cart an hour after a checkout no order
 * followed, a welcome at sign-up, a follow-up three days after every order, tips only for first-time buyers; and the
 * payload every action carries, transitions' actions included. On embedded H2; a subclass runs them on PostgreSQL.
 */
class JourneysTest extends AbstractRunTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private StageRun.EvaluationSummary lastRun;

    @BeforeEach
    void start() throws Exception {
        TestPack.write(pack, "visitor,buyer,loyal", """
                rule "loyal" salience 3 when CustomerMetrics( orders >= 3 ) then verdict.assign("loyal", "3+"); end
                rule "buyer" salience 2 when CustomerMetrics( orders > 0 ) then verdict.assign("buyer", "bought"); end
                rule "visitor" salience 1 when CustomerMetrics( ) then verdict.assign("visitor", "seen"); end
                """);
        Files.writeString(pack.resolve("transitions.csv"), "from,to,policy,actions\n*,loyal,allow,loyalty-invite\n");
        Files.writeString(pack.resolve("journeys.csv"), """
                name,trigger,wait,cancel,stages,action
                abandoned-cart,Checkout Started,1h,Order Completed,,cart-reminder
                welcome,Signed Up,,,,welcome-email
                post-purchase,Order Completed,3d,,,post-purchase
                first-order-tips,Order Completed,30m,,buyer,buyer-tips
                """);
        Files.writeString(pack.resolve("actions.csv"), "action,channel,traits,metrics,properties\n"
                + "cart-reminder,email:abandoned-cart,email;name;country,"
                + "stage;value_tier;rfm;purchases;days_since_last_order,products;total\n"
                + "loyalty-invite,email:loyalty,email,stage;purchases,*\n");
        start(emptyStore());
    }

    private List<ActionFired> runAsOf(Instant asOf) {
        int before = sink.actions.size();
        lastRun = ingestAndEvaluate(engine.stageRun(store, Clock.systemUTC()), asOf);
        return List.copyOf(sink.actions.subList(before, sink.actions.size()));
    }

    private static Instant minutes(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private void event(String customer, String name, long minute, Map<String, Object> properties) {
        input.add(Event.track(customer, name, minutes(minute), properties));
    }

    private void checkout(String customer, long minute) {
        event(customer, "Checkout Started", minute, Map.of("products", List.of("sku-1", "sku-7"), "total", 80.5));
    }

    private void order(String customer, long minute) {
        event(customer, "Order Completed", minute, Map.of("total", 40.0));
    }

    private static List<String> fired(List<ActionFired> actions) {
        return actions.stream().map(a -> a.customerId() + ":" + a.action() + "@" + a.at()).toList();
    }

    private static List<String> stored(List<StageStore.StoredAction> actions) {
        return actions.stream().map(a -> a.customerId() + ":" + a.action() + "@" + a.at()).toList();
    }

    @Test
    void anAbandonedCartFiresAnHourAfterTheCheckoutToTheMinuteThroughTheDeadlineIndex() {
        checkout("ann", 0);

        assertThat(runAsOf(minutes(59))).isEmpty();
        assertThat(store.dueCustomers(minutes(60).minusMillis(1))).isEmpty();
        assertThat(store.dueCustomers(minutes(60))).containsExactly("ann");

        assertThat(fired(runAsOf(minutes(61)))).containsExactly("ann:cart-reminder@2025-03-01T11:00:00Z");
        assertThat(store.dueCustomers(minutes(60 * 24 * 365))).isEmpty();
    }

    @Test
    void anOrderWithinTheHourCancelsTheReminderAndOneAfterItDoesNot() {
        checkout("ann", 0);
        order("ann", 59);
        checkout("bob", 0);
        order("bob", 61);

        assertThat(fired(runAsOf(minutes(120)))).containsExactly(
                "ann:buyer-tips@2025-03-01T11:29:00Z",
                "bob:cart-reminder@2025-03-01T11:00:00Z",
                "bob:buyer-tips@2025-03-01T11:31:00Z");
    }

    @Test
    void aLoyalCustomersAbandonedCartFiresWhateverTheirStage() {
        order("ann", -3000);
        order("ann", -2000);
        order("ann", -1000);
        checkout("ann", 0);

        List<ActionFired> actions = runAsOf(minutes(60));

        assertThat(actions).filteredOn(a -> a.action().equals("cart-reminder")).singleElement()
                .satisfies(a -> assertThat(a.payload()).extracting("metrics").extracting("stage").isEqualTo("loyal"));
    }

    @Test
    void aJourneyLimitedToAStageFiresOnlyForCustomersInIt() {
        order("ann", 0);
        order("ann", 60 * 24);
        order("ann", 60 * 48);

        assertThat(fired(runAsOf(minutes(60 * 24 * 6)))).containsExactly(
                "ann:buyer-tips@2025-03-01T10:30:00Z",
                "ann:buyer-tips@2025-03-02T10:30:00Z",
                "ann:loyalty-invite@2025-03-03T10:00:00Z",
                "ann:post-purchase@2025-03-04T10:00:00Z",
                "ann:post-purchase@2025-03-05T10:00:00Z",
                "ann:post-purchase@2025-03-06T10:00:00Z");
    }

    @Test
    void aReplayHourByHourFiresEachActionOnceAtItsInstant() {
        event("ann", "Signed Up", 5, Map.of());
        checkout("ann", 70);
        order("ann", 200);
        checkout("ann", 60 * 30);

        List<ActionFired> replayed = new ArrayList<>();
        for (int hour = 0; hour <= 24 * 5; hour++) {
            replayed.addAll(runAsOf(minutes(60L * hour)));
        }

        List<String> expected = List.of(
                "ann:welcome-email@2025-03-01T10:05:00Z",
                "ann:cart-reminder@2025-03-01T12:10:00Z",
                "ann:buyer-tips@2025-03-01T13:50:00Z",
                "ann:cart-reminder@2025-03-02T17:00:00Z",
                "ann:post-purchase@2025-03-04T13:20:00Z");
        assertThat(fired(replayed)).containsExactlyElementsOf(expected);
        assertThat(stored(store.actions("ann"))).containsExactlyElementsOf(expected);
        assertThat(replayed).extracting(ActionFired::id).doesNotHaveDuplicates();
    }

    @Test
    void aFirstRunOverAYearOfHistoryHandsOutOnlyTheActionsDueInTheLastWeek() {
        long day = 60 * 24;
        event("ann", "Signed Up", 0, Map.of());
        order("ann", 100 * day);
        checkout("ann", 360 * day);
        order("ann", 361 * day);

        List<ActionFired> firstRun = runAsOf(minutes(362 * day));

        List<String> recent = List.of("ann:cart-reminder@2026-02-24T11:00:00Z", "ann:buyer-tips@2026-02-25T10:30:00Z");
        assertThat(fired(firstRun)).containsExactlyElementsOf(recent);
        assertThat(stored(store.actions("ann"))).containsExactlyElementsOf(recent);
        assertThat(lastRun.actions()).isEqualTo(2);
        assertThat(lastRun.expiredActions()).as("welcome, the first order's tips and follow-up").isEqualTo(3);

        assertThat(fired(runAsOf(minutes(365 * day)))).containsExactly("ann:post-purchase@2026-02-28T10:00:00Z");
        assertThat(lastRun.expiredActions()).isZero();
    }

    @Test
    void aJourneyTriggeredBeforeTheWeekAFirstRunHandsOutCarriesItsTriggersPropertiesWhenItsActionIsDueWithin() {
        checkout("ann", 0);

        List<ActionFired> firstRun = runAsOf(minutes(7 * 24 * 60 + 30));

        assertThat(firstRun).singleElement().satisfies(reminder -> {
            assertThat(reminder.at()).isEqualTo(minutes(60));
            assertThat(reminder.payload().get("event")).isEqualTo(Map.of("name", "Checkout Started",
                    "at", "2025-03-01T10:00:00Z", "properties", Map.of("products", List.of("sku-1", "sku-7"),
                            "total", 80.5)));
        });
    }

    @Test
    void aMoveTooOldToHandOutItsActionStillListsItThoughNoSinkGetsTheAction() {
        long day = 60 * 24;
        order("ann", 0);
        order("ann", day);
        order("ann", 2 * day);

        List<ActionFired> firstRun = runAsOf(minutes(365 * day));

        assertThat(sink.transitions).filteredOn(move -> move.to().equals("loyal")).singleElement()
                .satisfies(move -> assertThat(move.actions()).containsExactly("loyalty-invite"));
        assertThat(firstRun).as("actions handed out").isEmpty();
        assertThat(store.actions("ann")).as("actions stored").isEmpty();
        assertThat(lastRun.expiredActions()).as("the invite, two tips as a buyer and three follow-ups").isEqualTo(6);
    }

    @Test
    void aRunAgainHandsOutNothingTwice() {
        event("ann", "Signed Up", 0, Map.of());
        List<ActionFired> first = runAsOf(minutes(10));

        assertThat(runAsOf(minutes(20))).isEmpty();
        assertThat(store.actions("ann")).extracting(StageStore.StoredAction::id)
                .containsExactlyElementsOf(first.stream().map(ActionFired::id).toList());
    }

    @Test
    void anActionCarriesTheChosenTraitsMetricsAndCartProperties() {
        input.add(new CustomerProfile("ann", Map.of("email", "ann@example.com", "name", "Ann", "plan", "pro"),
                minutes(-5000)));
        order("ann", -4000);
        checkout("ann", 0);

        ActionFired reminder = runAsOf(minutes(90)).stream().filter(a -> a.action().equals("cart-reminder"))
                .findFirst().orElseThrow();

        assertThat(reminder.channel()).isEqualTo("email:abandoned-cart");
        assertThat(reminder.cause()).isEqualTo("journey:abandoned-cart");
        Map<String, Object> traits = new HashMap<>();
        traits.put("email", "ann@example.com");
        traits.put("name", "Ann");
        traits.put("country", null);
        assertThat(reminder.payload()).containsOnlyKeys("traits", "metrics", "event");
        assertThat(reminder.payload().get("traits")).isEqualTo(traits);
        assertThat(reminder.payload().get("metrics")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("stage", "buyer")
                .containsEntry("purchases", 1)
                .containsEntry("days_since_last_order", 2)
                .containsKeys("value_tier", "rfm");
        assertThat(reminder.payload().get("event")).isEqualTo(Map.of("name", "Checkout Started",
                "at", "2025-03-01T10:00:00Z", "properties", Map.of("products", List.of("sku-1", "sku-7"),
                        "total", 80.5)));
    }

    @Test
    void aTransitionsActionsTravelInTheSameShapeWithTheirPayload() {
        input.add(new CustomerProfile("ann", Map.of("email", "ann@example.com"), minutes(-10)));
        order("ann", 0);
        order("ann", 10);
        event("ann", "Order Completed", 20, Map.of("total", 99.0, "coupon", "SPRING"));

        ActionFired invite = runAsOf(minutes(30)).stream().filter(a -> a.action().equals("loyalty-invite"))
                .findFirst().orElseThrow();

        String transition = store.history("ann").get(store.history("ann").size() - 1).id();
        assertThat(invite.cause()).isEqualTo("transition:" + transition);
        assertThat(invite.at()).isEqualTo(minutes(20));
        assertThat(invite.payload()).isEqualTo(Map.of(
                "traits", Map.of("email", "ann@example.com"),
                "metrics", Map.of("stage", "loyal", "purchases", 3),
                "event", Map.of("name", "Order Completed", "at", "2025-03-01T10:20:00Z",
                        "properties", Map.of("total", 99.0, "coupon", "SPRING"))));
    }
}
