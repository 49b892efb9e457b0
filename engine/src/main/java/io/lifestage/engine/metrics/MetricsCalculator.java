package io.lifestage.engine.metrics;

import io.lifestage.api.CustomerProfile;
import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.engine.config.AttributeSource;
import io.lifestage.engine.config.ConfiguredThresholds;
import io.lifestage.engine.config.InvalidConfigurationException;
import io.lifestage.engine.config.MetricsSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Starts metric runs with the configured windows, tracked events and tiers. */
@ApplicationScoped
public class MetricsCalculator {

    private MetricsPlan plan;
    private TierPolicy tiers;

    /** For CDI proxies. */
    protected MetricsCalculator() {
    }

    /** A calculator with these settings; windows are those configured plus the {@code *-window-days} thresholds. */
    @Inject
    public MetricsCalculator(MetricsSettings settings, ConfiguredThresholds thresholds) {
        Set<Integer> counted = new TreeSet<>(settings.windows());
        counted.addAll(thresholds.windows());
        this.plan = new MetricsPlan(Instant.EPOCH, counted, settings.extraEvents().orElse(List.of()),
                attributes(settings.attributes()), settings.renewalsAsPurchases());
        this.tiers = TierPolicy.of(settings);
    }

    /** The declared attributes' sources by name, in name order. */
    private static Map<String, AttributeSource> attributes(Map<String, String> declared) {
        Map<String, AttributeSource> sources = new TreeMap<>();
        declared.forEach((name, source) -> {
            try {
                sources.put(name, AttributeSource.parse(source));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException("LS-CONF-0002", "lifestage.metrics.attributes." + name,
                        e.getMessage());
            }
        });
        return sources;
    }

    /**
     * A walk of customers' metrics through time, scoring RFM against these scales and telling where what the rules
     * read changes.
     */
    public MetricsTimeline timeline(TimeReads reads, RfmScales scales) {
        return new MetricsTimeline(plan, tiers, scales, reads);
    }

    /**
     * Whether the metrics read the properties and traits of facts with a name (a profile's is {@code Profile}): those
     * of the events whose amounts and scores they read, and of every fact when an attribute is declared.
     */
    public Predicate<String> readsMapsOf() {
        return plan.attributeSources.length > 0 ? name -> true : EventNames.WITH_MAPS::contains;
    }

    /** The events a customer's purchases are counted from: what {@link #buyer} needs of their facts. */
    public Set<String> purchaseEvents() {
        return plan.renewalsArePurchases ? EventNames.PURCHASES_WITH_RENEWALS : EventNames.PURCHASES;
    }

    /**
     * What the RFM scales need of one customer as of an instant, from their facts (those after the instant are left
     * out); null when they had not bought by then.
     */
    public RfmScales.Buyer buyer(List<Fact> facts, long asOf) {
        CustomerActivity activity = new CustomerActivity(plan.at(Instant.ofEpochMilli(asOf)), false);
        for (Fact fact : facts) {
            if (fact instanceof Event event && event.timestamp().toEpochMilli() <= asOf) {
                activity.add(event, event.timestamp().toEpochMilli());
            }
        }
        return activity.purchases() > 0 ? activity.asBuyer() : null;
    }

    /** Reads one declared attribute of a customer. */
    @FunctionalInterface
    public interface AttributeRead {

        /** The attribute's value as of an instant from one customer's facts (later ones are left out), or null. */
        String valueOf(List<Fact> facts, Instant asOf);
    }

    /**
     * A reader of the declared attribute of this name, as rules read it.
     *
     * @throws InvalidConfigurationException when no attribute of this name is declared
     */
    public AttributeRead attribute(String name) {
        int index = List.of(plan.attributeNames).indexOf(name);
        if (index < 0) {
            throw new InvalidConfigurationException("LS-CONF-0002", "lifestage.metrics.attributes." + name,
                    "attribute '" + name + "' is not declared (declared: "
                            + (plan.attributeNames.length == 0 ? "none" : String.join(", ", plan.attributeNames))
                            + "): declare it in the configuration or the pack's pack.properties");
        }
        return (facts, asOf) -> {
            long at = asOf.toEpochMilli();
            CustomerActivity activity = new CustomerActivity(plan.at(asOf), false);
            for (Fact fact : facts) {
                long factAt = MetricsTimeline.timeOf(fact);
                if (factAt <= at && fact instanceof Event event) {
                    activity.add(event, factAt);
                } else if (factAt <= at) {
                    activity.profile((CustomerProfile) fact, factAt);
                }
            }
            return activity.attribute(index, at);
        };
    }

    /** A new, empty run as of the given instant. */
    public MetricsRun newRun(Instant asOf) {
        return new MetricsRun(plan.at(asOf), tiers);
    }
}
