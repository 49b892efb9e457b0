package io.lifestage.engine.classify;

import io.lifestage.api.rules.CustomerMetrics;
import io.lifestage.api.rules.EventHistory;
import io.lifestage.api.rules.ValueTier;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Customers a reloaded rule pack is tried on before it replaces the one in service: a pack that compiles but whose
 * rules throw for these (a visitor, a recent one-time buyer, a loyal buyer who went silent) would fail every
 * evaluation, so it is refused like a pack that does not compile.
 */
final class SampleCustomers {

    private SampleCustomers() {
    }

    /** The samples, as of now, with the declared attributes, never seen. */
    static List<CustomerMetrics> asOfNow(Set<String> attributes) {
        Instant now = Instant.now();
        Map<String, String> unknown = new HashMap<>();
        attributes.forEach(name -> unknown.put(name, null));
        return List.of(
                sample("sample-visitor", now, 3, 0, 0.0, CustomerMetrics.NEVER, 0, ValueTier.NONE.label(), unknown),
                sample("sample-buyer", now, 5, 1, 40.0, 5, 3, ValueTier.SMALL.label(), unknown),
                sample("sample-lapsed", now, 400, 12, 900.0, 400, 5, ValueTier.LARGE.label(), unknown));
    }

    private static CustomerMetrics sample(String id, Instant now, int silentDays, int orders, double revenue,
                                          int daysSincePurchase, int score, String tier,
                                          Map<String, String> attributes) {
        Instant lastSeen = now.minus(Duration.ofDays(silentDays));
        return new CustomerMetrics(id, now, lastSeen.minus(Duration.ofDays(30)), lastSeen, silentDays, orders, 0,
                revenue, orders == 0 ? CustomerMetrics.NEVER : daysSincePurchase + 30, daysSincePurchase, false, false,
                -1, score, score, score, tier, revenue, EventHistory.NONE, 0, attributes);
    }
}
