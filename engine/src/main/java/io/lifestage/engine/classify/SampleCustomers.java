package io.lifestage.engine.classify;

import io.lifestage.api.rules.CustomerMetrics;
import io.lifestage.api.rules.EventHistory;
import io.lifestage.api.rules.ValueTier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Customers a reloaded rule pack is tried on before it replaces the one in service: a pack that compiles but whose
 * rules throw for these (a visitor, a recent one-time buyer, a loyal buyer who went silent) would fail every
 * evaluation, so it is refused like a pack that does not compile.
 */
final class SampleCustomers {

    private SampleCustomers() {
    }

    /** The samples, as of now. */
    static List<CustomerMetrics> asOfNow() {
        Instant now = Instant.now();
        return List.of(
                sample("sample-visitor", now, 3, 0, 0.0, CustomerMetrics.NEVER, 0, ValueTier.NONE.label()),
                sample("sample-buyer", now, 5, 1, 40.0, 5, 3, ValueTier.SMALL.label()),
                sample("sample-lapsed", now, 400, 12, 900.0, 400, 5, ValueTier.LARGE.label()));
    }

    private static CustomerMetrics sample(String id, Instant now, int silentDays, int orders, double revenue,
                                          int daysSincePurchase, int score, String tier) {
        Instant lastSeen = now.minus(Duration.ofDays(silentDays));
        return new CustomerMetrics(id, now, lastSeen.minus(Duration.ofDays(30)), lastSeen, silentDays, orders, 0,
                revenue, orders == 0 ? CustomerMetrics.NEVER : daysSincePurchase + 30, daysSincePurchase, false, false,
                -1, score, score, score, tier, revenue, EventHistory.NONE);
    }
}
