/**
 * Lifecycle KPIs computed with SQL on the stage store: customers per stage now and at past instants (and who they
 * are), the transition matrix between two instants, funnel conversion, retention and churn rates, time spent in each
 * stage, RFM scores and value tiers per stage; rendered as text, CSV, JSON or one self-contained HTML page
 * ({@code lifestage report}). Start at {@link io.lifestage.engine.report.Reports}.
 */
package io.lifestage.engine.report;
