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
 * @param leadConversion   the period's leads and how many became customers, null when the stages have no lead stage
 */
public record StageRates(List<FunnelStep> funnel, long customersAtStart, long retained, long churned,
                         double retentionRate, double churnRate, LeadConversion leadConversion) {

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

    /**
     * The lead conversion rate of a period, by cohort: the customers who were in the lead stage (the stage before the
     * first customer stage) at some instant of the period, and those of them who moved from it to a customer stage
     * within the period. Unlike the funnel, customers who were customers already do not count.
     *
     * @param stage      the lead stage
     * @param leads      customers in the lead stage at the start of the period or entering it during the period
     * @param converted  of those, customers who moved from it to a customer stage during the period
     * @param rate       {@code converted / leads}, 0 when there were none
     * @param medianDays the median time from entering the lead stage to that move, in days; null when none moved
     */
    public record LeadConversion(String stage, long leads, long converted, double rate, Double medianDays) {
    }
}
