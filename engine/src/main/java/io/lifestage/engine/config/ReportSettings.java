package io.lifestage.engine.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.List;

/**
 * Which events and properties feed the report's scorecard: {@code lifestage.report.*}. The defaults are the Segment
 * spec's names; a business whose events are named otherwise maps them here. See docs/reports.md.
 */
@ConfigMapping(prefix = "lifestage.report")
public interface ReportSettings {

    /** Events that count as visits (page and screen views). */
    @WithName("visit-events")
    @WithDefault("Page Viewed,Screen Viewed")
    List<String> visitEvents();

    /** Minutes without a visit after which a customer's next visit starts a new session. */
    @WithName("session-timeout-minutes")
    @WithDefault("30")
    int sessionTimeoutMinutes();

    /** Events that make a customer a lead. */
    @WithName("lead-events")
    @WithDefault("Signed Up,Lead Created")
    List<String> leadEvents();

    /** The event of a completed order: a purchase, with its amount. */
    @WithName("order-event")
    @WithDefault("Order Completed")
    String orderEvent();

    /** The event of a refund, whose amount is taken off revenue. */
    @WithName("refund-event")
    @WithDefault("Order Refunded")
    String refundEvent();

    /** The event of a new subscription: a purchase without an amount. */
    @WithName("subscription-event")
    @WithDefault("Subscription Started")
    String subscriptionEvent();

    /** The property of orders and refunds that holds their amount. */
    @WithName("amount-property")
    @WithDefault("total")
    String amountProperty();

    /** The property of an order that holds its cost; its profit is the amount less the cost. */
    @WithName("cost-property")
    @WithDefault("cost")
    String costProperty();

    /** The property of an order that holds its margin (its profit), used before the cost when both are present. */
    @WithName("margin-property")
    @WithDefault("margin")
    String marginProperty();

    /** The event of a renewed subscription. */
    @WithName("renewal-event")
    @WithDefault("Subscription Renewed")
    String renewalEvent();

    /** The event of a subscription not renewed: with renewals, the renewals that fell due. */
    @WithName("cancellation-event")
    @WithDefault("Subscription Cancelled")
    String cancellationEvent();

    /** The event of a survey answer. */
    @WithName("survey-event")
    @WithDefault("Survey Answered")
    String surveyEvent();

    /** The property of a survey answer that names the survey; answers without it count as NPS answers. */
    @WithName("survey-property")
    @WithDefault("survey")
    String surveyProperty();

    /** The property of a survey answer that holds the score. */
    @WithName("score-property")
    @WithDefault("score")
    String scoreProperty();

    /** The survey name of NPS answers (0 to 10). */
    @WithName("nps-survey")
    @WithDefault("nps")
    String npsSurvey();

    /** The survey name of CSAT answers (1 to 5). */
    @WithName("csat-survey")
    @WithDefault("csat")
    String csatSurvey();

    /** Events that count as a recommendation. */
    @WithName("referral-events")
    @WithDefault("Referral Sent")
    List<String> referralEvents();
}
