package io.lifestage.engine.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How per-customer metrics are computed: {@code lifestage.metrics.*}. */
@ConfigMapping(prefix = "lifestage.metrics")
public interface MetricsSettings {

    /** Time windows, in days, in which events are counted. Thresholds named {@code *-window-days} are added. */
    @WithDefault("7,30,90,365")
    List<Integer> windows();

    /** Event names counted besides the default vocabulary, so rules can ask about them. */
    @WithName("extra-events")
    Optional<List<String>> extraEvents();

    /**
     * Customer attributes rules read with {@code attribute("name")}: name → source, for example
     * {@code country=trait:country} or {@code first-source=first-touch:properties.utm_source} (see
     * {@link AttributeSource}).
     */
    @WithName("attributes")
    Map<String, String> attributes();

    /** Whether {@code Subscription Renewed} counts as a purchase, and its {@code amount} as revenue. */
    @WithName("renewals-as-purchases")
    @WithDefault("true")
    boolean renewalsAsPurchases();

    /** Revenue from which a customer is in the medium value tier. */
    @WithName("tier.medium-revenue")
    @WithDefault("100")
    double mediumTierRevenue();

    /** Revenue from which a customer is in the large value tier. */
    @WithName("tier.large-revenue")
    @WithDefault("1000")
    double largeTierRevenue();

    /** Years of future purchasing assumed by the lifetime-value estimate. */
    @WithName("clv-years")
    @WithDefault("3")
    double clvYears();
}
