package io.lifestage.engine.report;

import java.util.List;

/**
 * Conversion along the funnel, retention and churn over a period.
 *
 * @param funnel           the funnel stages in order with how many customers reached each
 * @param customersAtStart customers in a customer stage (the first customer stage on, churn excluded) at the start
 * @param retained         of those, customers still in a customer stage at the end
 * @param churned          of those, customers in the churn stage at the end
 * @param retentionRate    {@code retained / customersAtStart}, 0 when there were none
 * @param churnRate        {@code churned / customersAtStart}, 0 when there were none
 */
public record StageRates(List<FunnelStep> funnel, long customersAtStart, long retained, long churned,
                         double retentionRate, double churnRate) {

    public StageRates {
        funnel = List.copyOf(funnel);
    }

    /**
     * One step of the funnel. A customer in a stage at any instant of the period counts as having reached that
     * stage and every earlier one (a customer who skipped a stage passed it); churn counts as the first customer
     * stage.
     *
     * @param stage          the funnel stage
     * @param reached        customers who reached it or a later funnel stage
     * @param conversionRate {@code reached} divided by the previous step's; 1 for the first step
     * @param shareOfTop     {@code reached} divided by the first step's
     */
    public record FunnelStep(String stage, long reached, double conversionRate, double shareOfTop) {
    }
}
