package io.lifestage.api;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A lifecycle action due for one customer, with what a mailer, an SMS gateway or a CRM needs to carry it out: a
 * journey of the rule pack fired (an abandoned cart one hour after {@code Checkout Started}), or a transition
 * listed the action. One shape for both, so a receiver consumes one kind of message.
 *
 * @param id         a stable identifier: the same action for the same cause always has the same id, so that
 *                   receivers can drop duplicates of an at-least-once delivery
 * @param customerId the customer
 * @param action     the action's name in the rule pack, for example {@code abandoned-cart-email}
 * @param channel    where it goes, as the pack's {@code actions.csv} says ({@code email:abandoned-cart},
 *                   {@code sms:cart}, {@code crm-task:call}), or null when the pack does not say
 * @param at         when it is due: a journey's trigger plus its wait, or a transition's instant
 * @param cause      what caused it: {@code journey:<name>} or {@code transition:<transition id>}
 * @param payload    the values the pack chose for the action (traits, metrics, the triggering event's properties),
 *                   by name; unmodifiable, in the pack's order
 */
public record ActionFired(String id, String customerId, String action, String channel, Instant at, String cause,
                          Map<String, Object> payload) {

    public ActionFired {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(cause, "cause");
        payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload));
    }
}
