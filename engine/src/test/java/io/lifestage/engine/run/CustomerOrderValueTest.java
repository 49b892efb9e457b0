package io.lifestage.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.config.MetricsSettings;
import io.lifestage.engine.config.StoreSettings;
import io.lifestage.engine.metrics.RfmScales;
import io.lifestage.engine.metrics.TierPolicy;
import io.lifestage.engine.report.CustomerValue;
import io.lifestage.engine.report.Reports;
import io.lifestage.engine.store.StageStore;
import io.lifestage.engine.store.TestStores;
import io.lifestage.testing.StoreUnderTest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A run keeps on each customer's row what their orders are worth as of the evaluation, so that a customer's value is
 * read from one row. Ann ordered 100 400 days before the run and 200 30 days before, got 50 back 20 days before,
 * started a subscription 10 days before and renewed it for 20 five days before; Bob only renewed, for 30; Cat only
 * looked.
 */
class CustomerOrderValueTest implements StoreUnderTest {

    private static final Instant AS_OF = Instant.parse("2026-11-01T00:00:00Z");
    private static final Path DEFAULT_PACK = Path.of("..", "rules", "pack");

    private static List<Fact> history() {
        return new ArrayList<>(List.of(
                Event.track("ann", "Order Completed", daysBefore(400), Map.of("total", 100)),
                Event.track("ann", "Order Completed", daysBefore(30), Map.of("total", 200)),
                Event.track("ann", "Order Refunded", daysBefore(20), Map.of("total", 50)),
                Event.track("ann", "Subscription Started", daysBefore(10), Map.of("amount", 20)),
                Event.track("ann", "Subscription Renewed", daysBefore(5), Map.of("amount", 20)),
                Event.track("bob", "Subscription Renewed", daysBefore(3), Map.of("amount", 30)),
                Event.track("cat", "Page Viewed", daysBefore(1), Map.of())));
    }

    @Test
    void theRowHoldsOrdersTheirAmountRevenueAfterRefundsAndTheFirstPurchase() throws Exception {
        try (LifestageContainer engine = start();
             StageStore store = engine.openStore()) {
            ListSource.ingestAndEvaluate(engine.stageRun(store, Clock.systemUTC()), history(), AS_OF);

            // the rules' revenue counts the renewal (300 - 50 + 20); the orders' revenue does not (300 - 50); Bob's
            // renewal is his first purchase but no order
            assertThat(TestStores.query(engine.bean(StoreSettings.class), "SELECT customer_id, revenue, order_count,"
                    + " order_amount, order_revenue, first_purchase_at FROM ls_customer ORDER BY customer_id",
                    rs -> rs.getString(1) + " " + rs.getDouble(2) + " " + rs.getInt(3) + " " + rs.getDouble(4) + " "
                            + rs.getDouble(5) + " " + rs.getObject(6))).containsExactly(
                    "ann 270.0 2 300.0 250.0 " + daysBefore(400).toEpochMilli(),
                    "bob 30.0 0 0.0 0.0 " + daysBefore(3).toEpochMilli(),
                    "cat 0.0 0 0.0 0.0 null");
        }
    }

    @Test
    void aCustomersValueComesFromTheirRowWithTheLifetimeValueAsOfTheInstantAsked() throws Exception {
        try (LifestageContainer engine = start();
             StageStore store = engine.openStore()) {
            ListSource.ingestAndEvaluate(engine.stageRun(store, Clock.systemUTC()), history(), AS_OF);
            TierPolicy tiers = TierPolicy.of(engine.bean(MetricsSettings.class));

            RfmScales scales = store.rfmScales(AS_OF);
            CustomerValue ann = Reports.customerValue(store, scales, tiers, "ann", AS_OF);

            // 250 over 400 days (1.0951 years), for the default 3 years: 250 / 1.0951 x 3 = 684.84
            assertThat(ann.orders()).isEqualTo(2);
            assertThat(ann.revenue()).isEqualTo(250.0);
            assertThat(ann.averageOrderValue()).isEqualTo(150.0);
            assertThat(ann.lifetimeValue()).isCloseTo(684.84, within(0.005));
            // a year on, with no run: the same orders over 765 days
            assertThat(Reports.customerValue(store, scales, tiers, "ann", AS_OF.plus(Duration.ofDays(365)))
                    .lifetimeValue()).isCloseTo(250 / (765 / 365.25) * 3, within(1e-9));
            assertThat(Reports.customerValue(store, scales, tiers, "bob", AS_OF).lifetimeValue()).isZero();
        }
    }

    @Test
    void aLaterRunWithANewOrderUpdatesTheRow() throws Exception {
        try (LifestageContainer engine = start();
             StageStore store = engine.openStore()) {
            StageRun run = engine.stageRun(store, Clock.systemUTC());
            ListSource.ingestAndEvaluate(run, history(), AS_OF);
            List<Fact> more = history();
            more.add(Event.track("ann", "Order Completed", AS_OF.plus(Duration.ofDays(2)), Map.of("total", 90)));

            ListSource.ingestAndEvaluate(run, more, AS_OF.plus(Duration.ofDays(3)));

            CustomerValue ann = Reports.customerValue(store, store.rfmScales(Instant.EPOCH),
                    TierPolicy.of(engine.bean(MetricsSettings.class)), "ann", AS_OF.plus(Duration.ofDays(3)));
            assertThat(ann.orders()).isEqualTo(3);
            assertThat(ann.revenue()).isEqualTo(340.0);
            assertThat(ann.averageOrderValue()).isEqualTo(130.0);
        }
    }

    private LifestageContainer start() throws Exception {
        return Engines.start(emptyStore(), DEFAULT_PACK);
    }

    private static Instant daysBefore(int days) {
        return AS_OF.minus(Duration.ofDays(days));
    }
}
