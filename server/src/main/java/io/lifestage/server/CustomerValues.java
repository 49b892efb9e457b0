package io.lifestage.server;

import io.lifestage.engine.config.MetricsSettings;
import io.lifestage.engine.host.StoreReader;
import io.lifestage.engine.metrics.RfmScales;
import io.lifestage.engine.metrics.TierPolicy;
import io.lifestage.engine.report.CustomerValue;
import io.lifestage.engine.report.MemberPage;
import io.lifestage.engine.report.Reports;
import io.lifestage.engine.store.StageStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * What customers are worth now, as the customer and stage resources show it: read from the host's store and scored
 * against the RFM scales of its buyers, which are read before the store read as {@link StoreReader#rfmScales} asks,
 * and the configured value tiers.
 */
@Singleton
class CustomerValues {

    private final StoreReader store;
    private final TierPolicy tiers;

    @Inject
    CustomerValues(StoreReader store, MetricsSettings metrics) {
        this.store = store;
        this.tiers = TierPolicy.of(metrics);
    }

    /** What the customer is worth now (see {@link Reports#customerValue}). */
    CustomerValue of(String customerId) {
        Instant now = Instant.now();
        RfmScales scales = store.rfmScales(now);
        return store.read(reads -> Reports.customerValue(reads, scales, tiers, customerId, now));
    }

    /** Page {@code page} (from 1) of {@code size} customers now in the stage by {@code ranking}, with their values. */
    MemberPage ranked(String stage, StageStore.Ranking ranking, int page, int size) {
        Instant now = Instant.now();
        RfmScales scales = store.rfmScales(now);
        return store.read(reads -> Reports.ranked(reads, scales, tiers, stage, ranking, now, page, size));
    }
}
