package io.lifestage.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifestage.api.CustomerProfile;
import io.lifestage.api.Event;
import io.lifestage.api.rules.CustomerMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Metrics are computed per customer in one pass over unordered facts, as of an instant. */
class MetricsRunTest {

    private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");

    private final MetricsRun run = new MetricsRun(
            new MetricsPlan(AS_OF, List.of(7, 30, 90, 365), List.of("Video Played")),
            new TierPolicy(100, 1000, 3));

    private static Instant daysAgo(double days) {
        return AS_OF.minus(Duration.ofSeconds(Math.round(days * 86_400)));
    }

    private void track(String user, String event, double daysAgo, Map<String, Object> properties) {
        run.add(Event.track(user, event, daysAgo(daysAgo), properties));
    }

    private List<CustomerMetrics> finish() {
        int customers = run.finish();
        List<CustomerMetrics> metrics = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            metrics.add(run.takeMetrics(i));
        }
        return metrics;
    }

    private CustomerMetrics only() {
        List<CustomerMetrics> metrics = finish();
        assertThat(metrics).hasSize(1);
        return metrics.get(0);
    }

    @Test
    void countsEventsInEachWindowWhateverTheInputOrder() {
        for (double days : new double[] {400, 6.9, 89, 7, 29.99, 364}) {
            track("u1", "Product Viewed", days, Map.of());
        }

        CustomerMetrics m = only();

        assertThat(m.countWithin("Product Viewed", 7)).isEqualTo(1);
        assertThat(m.countWithin("Product Viewed", 30)).isEqualTo(3);
        assertThat(m.countWithin("Product Viewed", 90)).isEqualTo(4);
        assertThat(m.countWithin("Product Viewed", 365)).isEqualTo(5);
        assertThat(m.daysSinceLast("Product Viewed")).isEqualTo(6);
        assertThat(m.daysSinceLast("Signed Up")).isEqualTo(CustomerMetrics.NEVER);
        assertThat(m.countWithin("Video Played", 7)).isZero();
    }

    @Test
    void askingForAWindowThatIsNotCountedNamesTheSetting() {
        track("u1", "Product Viewed", 1, Map.of());

        CustomerMetrics m = only();

        assertThatThrownBy(() -> m.countWithin("Product Viewed", 60))
                .hasMessageContaining("no 60-day window is counted; configured windows: 7,30,90,365");
        assertThatThrownBy(() -> m.daysSinceLast("Podcast Played"))
                .hasMessageContaining("lifestage.metrics.extra-events");
    }

    @Test
    void ordersRevenueAndRefundsAddUp() {
        track("u1", "Order Completed", 100, Map.of("total", 120.0));
        track("u1", "Order Completed", 10, Map.of("total", "30.5"));
        track("u1", "Order Refunded", 5, Map.of("total", 20));
        track("u1", "Order Completed", 3, Map.of());

        CustomerMetrics m = only();

        assertThat(m.orders()).isEqualTo(3);
        assertThat(m.revenue()).isEqualTo(130.5);
        assertThat(m.averageOrderValue()).isEqualTo(43.5);
        assertThat(m.daysSinceFirstPurchase()).isEqualTo(100);
        assertThat(m.daysSinceLastPurchase()).isEqualTo(3);
        assertThat(m.valueTier()).isEqualTo("medium");
        assertThat(m.customer()).isTrue();
    }

    @Test
    void theLatestSubscriptionEventDecidesWhetherItIsCancelled() {
        track("u1", "Subscription Cancelled", 10, Map.of());
        track("u1", "Subscription Started", 100, Map.of());
        track("u1", "Order Completed", 20, Map.of());
        track("u2", "Subscription Started", 100, Map.of());
        track("u2", "Subscription Cancelled", 50, Map.of());
        track("u2", "Order Completed", 20, Map.of());

        List<CustomerMetrics> metrics = finish();

        assertThat(metrics.get(0).subscriptionCancelled()).isTrue();
        assertThat(metrics.get(0).orderedSinceCancellation()).isFalse();
        assertThat(metrics.get(1).subscriptionCancelled()).isTrue();
        assertThat(metrics.get(1).orderedSinceCancellation()).isTrue();
    }

    @Test
    void keepsTheLatestValidSurveyScore() {
        track("u1", "Survey Answered", 30, Map.of("score", 10));
        track("u1", "Survey Answered", 5, Map.of("score", 11));
        track("u1", "Survey Answered", 10, Map.of("score", 6));
        track("u1", "Survey Answered", 50, Map.of("score", 9));

        assertThat(only().lastSurveyScore()).isEqualTo(6);
    }

    @Test
    void theSurveyScoreRulesReadIsTheLatestNpsAnswerNotALaterCsatOne() {
        track("u1", "Survey Answered", 20, Map.of("score", 9, "survey", "nps"));
        track("u1", "Survey Answered", 10, Map.of("score", 7));
        track("u1", "Survey Answered", 2, Map.of("score", 2, "survey", "csat"));

        assertThat(only().lastSurveyScore()).as("the unnamed answer is NPS; the CSAT 2 of 5 is no detractor")
                .isEqualTo(7);
    }

    @Test
    void linksAnAnonymousHistoryToTheIdentifiedUser() {
        run.add(new Event(Event.Type.PAGE, null, "anon-1", Event.PAGE_VIEWED, daysAgo(40), Map.of(), Map.of()));
        run.add(new Event(Event.Type.TRACK, null, "anon-1", "Order Completed", daysAgo(20), Map.of("total", 5),
                Map.of()));
        track("u1", "Email Opened", 2, Map.of());
        run.add(new Event(Event.Type.IDENTIFY, "u1", "anon-1", Event.IDENTIFIED, daysAgo(19), Map.of(), Map.of()));

        CustomerMetrics m = only();

        assertThat(m.customerId()).isEqualTo("u1");
        assertThat(m.orders()).isEqualTo(1);
        assertThat(m.firstSeen()).isEqualTo(daysAgo(40));
        assertThat(m.daysSinceLastActivity()).isEqualTo(2);
        assertThat(m.countWithin("Page Viewed", 90)).isEqualTo(1);
    }

    @Test
    void ignoresFactsAfterTheAsOfInstant() {
        track("u1", "Order Completed", 3, Map.of("total", 10));
        track("u1", "Order Completed", -1, Map.of("total", 10));
        run.add(new CustomerProfile("u2", Map.of("plan", "pro"), daysAgo(-2)));

        CustomerMetrics m = only();

        assertThat(m.orders()).isEqualTo(1);
        assertThat(run.factsRead()).isEqualTo(3);
        assertThat(run.factsAfterAsOf()).isEqualTo(2);
    }

    @Test
    void aProfileAloneMakesAKnownCustomerWithoutActivity() {
        run.add(new CustomerProfile("crm-7", Map.of("email", "x@example.com"), daysAgo(3)));

        CustomerMetrics m = only();

        assertThat(m.lastSeen()).isNull();
        assertThat(m.daysSinceLastActivity()).isEqualTo(CustomerMetrics.NEVER);
        assertThat(m.customer()).isFalse();
        assertThat(m.rfm()).isEqualTo("000");
        assertThat(m.valueTier()).isEqualTo("none");
    }

    @Test
    void scoresRfmInQuintilesAmongBuyers() {
        for (int i = 1; i <= 10; i++) {
            for (int order = 0; order < i; order++) {
                track("u" + (char) ('a' + i), "Order Completed", 100 - i * 5, Map.of("total", 10.0 * i));
            }
        }
        track("visitor", "Page Viewed", 1, Map.of());

        List<CustomerMetrics> metrics = finish();
        CustomerMetrics best = metrics.stream().filter(m -> m.customerId().equals("u" + (char) ('a' + 10)))
                .findFirst().orElseThrow();
        CustomerMetrics worst = metrics.stream().filter(m -> m.customerId().equals("u" + (char) ('a' + 1)))
                .findFirst().orElseThrow();

        assertThat(best.rfm()).isEqualTo("555");
        assertThat(worst.rfm()).isEqualTo("111");
        assertThat(best.valueTier()).isEqualTo("large");
        assertThat(worst.valueTier()).isEqualTo("small");
        assertThat(metrics).filteredOn(m -> m.customerId().equals("visitor")).singleElement()
                .extracting(CustomerMetrics::rfm).isEqualTo("000");
    }

    @Test
    void estimatesLifetimeValueFromPurchaseRate() {
        track("u1", "Order Completed", 730.5, Map.of("total", 100));
        track("u1", "Order Completed", 365, Map.of("total", 100));
        track("u1", "Order Completed", 1, Map.of("total", 100));

        assertThat(only().lifetimeValue()).isCloseTo(100 * 1.5 * 3, org.assertj.core.data.Offset.offset(0.5));
    }

    @Test
    void customersComeOutInIdOrder() {
        track("b", "Page Viewed", 1, Map.of());
        track("c", "Page Viewed", 1, Map.of());
        track("a", "Page Viewed", 1, Map.of());

        assertThat(finish()).extracting(CustomerMetrics::customerId).containsExactly("a", "b", "c");
    }
}
