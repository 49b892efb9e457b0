package io.lifestage.engine.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One period of a period-over-period table ({@code report --every quarter}): its scorecard, each measure with its
 * change from the same measure of the period before (none for the first period, or when either has no value), and the
 * value views as of its end.
 *
 * @param from     the start of the period
 * @param to       its end
 * @param kpis     the period's scorecard, measures in the same order in every period
 * @param profiles RFM scores, value tiers, revenue and lifetime value per stage, as of {@code to}
 */
public record PeriodRates(Instant from, Instant to, List<Kpi> kpis, List<StageProfile> profiles) {

    public PeriodRates {
        kpis = List.copyOf(kpis);
        profiles = List.copyOf(profiles);
    }

    /** The measure of this name under this stage (null for the measures of every stage), or null when none. */
    public Kpi kpi(String stage, String name) {
        return kpis.stream().filter(k -> Objects.equals(k.stage(), stage) && k.name().equals(name))
                .findFirst().orElse(null);
    }
}
