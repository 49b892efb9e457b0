package io.lifestage.engine.metrics;

import java.util.List;

/** The event names of the default vocabulary (the Segment spec's E-commerce, B2B SaaS and Email names). */
final class EventNames {

    static final String ORDER_COMPLETED = "Order Completed";
    static final String ORDER_REFUNDED = "Order Refunded";
    static final String SUBSCRIPTION_STARTED = "Subscription Started";
    static final String SUBSCRIPTION_RENEWED = "Subscription Renewed";
    static final String SUBSCRIPTION_CANCELLED = "Subscription Cancelled";
    static final String SURVEY_ANSWERED = "Survey Answered";
    /** The property of a survey answer naming its survey; an answer without it is an NPS answer. */
    static final String SURVEY = "survey";
    /** The survey name of NPS answers, whose score (0 to 10) rules read as {@code lastSurveyScore}. */
    static final String NPS = "nps";
    /** The events purchases, revenue and the last purchase are counted from. */
    static final java.util.Set<String> PURCHASES = java.util.Set.of(ORDER_COMPLETED, ORDER_REFUNDED,
            SUBSCRIPTION_STARTED);
    /** The same, when renewals count as purchases. */
    static final java.util.Set<String> PURCHASES_WITH_RENEWALS = java.util.Set.of(ORDER_COMPLETED, ORDER_REFUNDED,
            SUBSCRIPTION_STARTED, SUBSCRIPTION_RENEWED);
    /** The events whose properties the metrics read: amounts and survey answers. */
    static final java.util.Set<String> WITH_MAPS = java.util.Set.of(ORDER_COMPLETED, ORDER_REFUNDED,
            SUBSCRIPTION_RENEWED, SURVEY_ANSWERED);
    /** The property holding a renewal's amount; {@code total} is read when it is absent. */
    static final String AMOUNT = "amount";

    /** Every name counted per window; other names count as activity only. */
    static final List<String> VOCABULARY = List.of(
            "Page Viewed", "Screen Viewed", "Identified",
            "Email Opened", "Email Link Clicked",
            "Product Viewed", "Product Added", "Checkout Started",
            "Signed Up", "Lead Created", "Trial Started",
            ORDER_COMPLETED, "Order Cancelled", ORDER_REFUNDED,
            SUBSCRIPTION_STARTED, SUBSCRIPTION_RENEWED, SUBSCRIPTION_CANCELLED,
            SURVEY_ANSWERED, "Referral Sent");

    private EventNames() {
    }
}
