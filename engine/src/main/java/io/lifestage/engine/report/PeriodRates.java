package io.lifestage.engine.report;

import java.time.Instant;

/**
 * The rates of one period of a period-over-period table ({@code report --every quarter}), each with its change from
 * the period before in percentage points (null for the first period, or when either period has no such rate).
 *
 * @param from                 the start of the period
 * @param to                   its end
 * @param customersAtStart     customers in a customer stage at {@code from}
 * @param retentionRate        the share of them still in a customer stage at {@code to}
 * @param churnRate            the share of them in churn at {@code to}
 * @param leads                customers in the lead stage during the period; null when the stages have no lead stage
 * @param leadConversionRate   the share of those leads who became customers in the period; null with {@code leads}
 * @param retentionChange      {@code retentionRate} minus the previous period's, in points
 * @param churnChange          {@code churnRate} minus the previous period's, in points
 * @param leadConversionChange {@code leadConversionRate} minus the previous period's, in points
 */
public record PeriodRates(Instant from, Instant to, long customersAtStart, double retentionRate, double churnRate,
                          Long leads, Double leadConversionRate, Double retentionChange, Double churnChange,
                          Double leadConversionChange) {
}
