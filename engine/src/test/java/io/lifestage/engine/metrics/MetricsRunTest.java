package io.lifestage.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifestage.api.CustomerProfile;
import io.lifestage.api.Event;
import io.lifestage.api.rules.CustomerMetrics;
import io.lifestage.engine.config.AttributeSource;
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
            new MetricsPlan(AS_OF, List.of(7, 30, 90, 365), List.of("Video Played"), Map.of(
                    "country", AttributeSource.parse("trait:country"),
                    "first-plan", AttributeSource.parse("first-trait:plan"),
                    "first-source", AttributeSource.parse("first-touch:properties.utm_source"),
                    "last-source", AttributeSource.parse("last-touch:properties.campaign.source"),
                    "campaign", AttributeSource.parse("first-touch:context.campaign.source"),
                    "shoe-views", AttributeSource.parse("count:Product Viewed[category=shoes]/30d")), true),
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
    void renewalsArePurchasesAndRevenueSoAMonthlySubscriberIsARecentFrequentBuyer() {
        track("u1", "Subscription Started", 517, Map.of("amount", 20));
        for (int month = 1; month <= 16; month++) {
            track("u1", "Subscription Renewed", 517 - 30.5 * month, Map.of("amount", 20));
        }

        CustomerMetrics m = only();

        assertThat(m.purchases()).isEqualTo(17);
        assertThat(m.subscriptionRenewals()).isEqualTo(16);
        assertThat(m.daysSinceLastPurchase()).isEqualTo(29);
        assertThat(m.daysSinceFirstPurchase()).isEqualTo(517);
        assertThat(m.revenue()).isEqualTo(320.0);
        assertThat(m.averageOrderValue()).isEqualTo(20.0);
        assertThat(m.subscriptionCancelled()).isFalse();
    }

    @Test
    void aRenewalWithoutAnAmountCountsItsTotal() {
        track("u1", "Subscription Renewed", 3, Map.of("total", 12.5));

        assertThat(only().revenue()).isEqualTo(12.5);
    }

    @Test
    void attributesAreTheLatestOrFirstValueSeenUpToTheAsOfInstant() {
        run.add(new Event(Event.Type.IDENTIFY, "u1", null, "Identified", daysAgo(30),
                Map.of(), Map.of("country", "FR", "plan", "free")));
        run.add(new CustomerProfile("u1", Map.of("country", "DE", "plan", "pro"), daysAgo(10)));
        run.add(new CustomerProfile("u1", Map.of("country", "AT"), AS_OF.plusSeconds(60)));
        track("u1", "Page Viewed", 20, Map.of("utm_source", "ads", "campaign", Map.of("source", "spring")));
        track("u1", "Page Viewed", 40, Map.of("utm_source", "newsletter"));
        track("u1", "Page Viewed", 5, Map.of("campaign", Map.of("source", "autumn")));
        track("u1", "Page Viewed", 1, Map.of());

        CustomerMetrics m = only();

        assertThat(m.attribute("country")).isEqualTo("DE");
        assertThat(m.attribute("first-plan")).isEqualTo("free");
        assertThat(m.attribute("first-source")).isEqualTo("newsletter");
        assertThat(m.attribute("last-source")).isEqualTo("autumn");
    }

    @Test
    void anAttributeNeverSeenIsNullAndAnUndeclaredOneIsRefusedByName() {
        track("u1", "Page Viewed", 1, Map.of("utm_source", 42));

        CustomerMetrics m = only();

        assertThat(m.attribute("country")).isNull();
        assertThat(m.attribute("first-source")).isEqualTo("42");
        assertThatThrownBy(() -> m.attribute("company_size"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attribute 'company_size' is not declared")
                .hasMessageContaining("lifestage.metrics.attributes.company_size");
    }

    @Test
    void anAnonymousVisitorsFirstTouchIsTheFirstTouchOfTheUserTheyBecome() {
        run.add(new Event(Event.Type.PAGE, null, "anon-1", "Page Viewed", daysAgo(9),
                Map.of("utm_source", "podcast"), Map.of()));
        run.add(new Event(Event.Type.IDENTIFY, "u1", "anon-1", "Identified", daysAgo(8), Map.of(), Map.of()));
        track("u1", "Page Viewed", 2, Map.of("utm_source", "newsletter"));

        assertThat(only().attribute("first-source")).isEqualTo("podcast");
    }

    @Test
    void anAnonymousVisitorsCountedEventsAndCampaignJoinTheUserTheyBecome() {
        run.add(new Event(Event.Type.PAGE, null, "anon-1", "Page Viewed", daysAgo(12), Map.of(), Map.of(), null,
                Map.of("campaign", Map.of("source", "podcast"))));
        run.add(new Event(Event.Type.TRACK, null, "anon-1", "Product Viewed", daysAgo(10),
                Map.of("category", "shoes"), Map.of()));
        run.add(new Event(Event.Type.IDENTIFY, "u1", "anon-1", "Identified", daysAgo(9), Map.of(), Map.of()));
        run.add(new Event(Event.Type.PAGE, "u1", null, "Page Viewed", daysAgo(5), Map.of(), Map.of(), null,
                Map.of("campaign", Map.of("source", "ads"))));
        track("u1", "Product Viewed", 40, Map.of("category", "shoes"));
        track("u1", "Product Viewed", 3, Map.of("category", "shoes"));
        track("u1", "Product Viewed", 2, Map.of("category", "hats"));

        CustomerMetrics m = only();

        // shoes 10 days ago (as the visitor) and 3 days ago in the 30-day window; 40 days ago is out of it
        assertThat(m.attribute("shoe-views")).isEqualTo("2");
        assertThat(m.attributeNumber("shoe-views")).isEqualTo(2.0);
        assertThat(m.attribute("campaign")).isEqualTo("podcast");
        assertThat(m.attributeNumber("campaign")).isNaN();
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
