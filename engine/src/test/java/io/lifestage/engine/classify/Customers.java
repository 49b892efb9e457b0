package io.lifestage.engine.classify;

import io.lifestage.api.rules.CustomerMetrics;
import io.lifestage.api.rules.EventHistory;
import java.time.Instant;

/** Customer metrics for rule tests that only care about orders. */
final class Customers {

    static final Instant AS_OF = Instant.parse("2026-01-01T00:00:00Z");

    private Customers() {
    }

    static CustomerMetrics with(String id, int orders) {
        return new CustomerMetrics(id, AS_OF, null, null, CustomerMetrics.NEVER, orders, 0, 0,
                CustomerMetrics.NEVER, CustomerMetrics.NEVER, false, false, -1, 0, 0, 0, "none", 0,
                EventHistory.NONE);
    }
}
