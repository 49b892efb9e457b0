package io.lifestage.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.Decision;
import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.config.RulesSettings;
import io.lifestage.engine.config.StoreSettings;
import io.lifestage.engine.store.StageStore;
import io.lifestage.engine.store.TestStores;
import io.lifestage.testing.StoreUnderTest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A subscriber who renews every month is a recent, frequent buyer for the default pack: renewals are purchases and
 * revenue, unless {@code lifestage.metrics.renewals-as-purchases=false}.
 */
class SubscriptionRenewalsTest implements StoreUnderTest {

    private static final Instant AS_OF = Instant.parse("2026-11-01T00:00:00Z");
    private static final Path DEFAULT_PACK = Path.of("..", "rules", "pack");

    /** Started 517 days ago, renewed every month since for 20 (16 renewals, 320), 29 days ago last. */
    private static List<Fact> monthlySubscriber() {
        List<Fact> facts = new ArrayList<>();
        facts.add(Event.track("sue", "Subscription Started", daysAgo(517), Map.of("amount", 20)));
        for (int month = 1; month <= 16; month++) {
            facts.add(Event.track("sue", "Subscription Renewed", daysAgo(517 - 30.5 * month), Map.of("amount", 20)));
        }
        return facts;
    }

    @Test
    void aMonthlySubscriberIsInRetentionWithSeventeenPurchasesTheLastOneLastMonth() throws Exception {
        try (LifestageContainer engine = start(Map.of());
             StageStore store = engine.openStore()) {
            Decision classified = engine.engine().classify(monthlySubscriber(), AS_OF).get(0);
            ListSource.ingestAndEvaluate(engine.stageRun(store, Clock.systemUTC()), monthlySubscriber(), AS_OF);

            assertThat(classified.stage()).isEqualTo("retention");
            assertThat(classified.reason()).startsWith("17 purchases, last one 29 days ago");
            assertThat(TestStores.query(engine.bean(StoreSettings.class),
                    "SELECT stage, revenue FROM ls_customer WHERE customer_id = 'sue'",
                    rs -> rs.getString(1) + " " + rs.getDouble(2))).containsExactly("retention 320.0");
        }
    }

    @Test
    void withRenewalsAsActivityOnlyTheSubscribersLastPurchaseIsTheirStart() throws Exception {
        try (LifestageContainer engine = start(Map.of("lifestage.metrics.renewals-as-purchases", "false"))) {
            Decision classified = engine.engine().classify(monthlySubscriber(), AS_OF).get(0);

            assertThat(classified.stage()).isEqualTo("retention");
            assertThat(classified.reason()).startsWith("1 purchases, last one 517 days ago");
        }
    }

    private LifestageContainer start(Map<String, String> settings) throws Exception {
        Map<String, String> all = new HashMap<>(settings);
        all.put(RulesSettings.DIR, DEFAULT_PACK.toString());
        all.putAll(emptyStore());
        return LifestageContainer.start(all, null);
    }

    private static Instant daysAgo(double days) {
        return AS_OF.minus(Duration.ofSeconds(Math.round(days * 86_400)));
    }
}
