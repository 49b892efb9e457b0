package io.lifestage.engine.report;

import java.time.Instant;
import java.util.List;

/**
 * One page of the customers in a stage at an instant, by customer id, or of those now in it by value.
 *
 * @param stage     the stage
 * @param at        the instant
 * @param total     customers in the stage at that instant, on every page
 * @param customers this page's customers with their stay (exited is the next move after {@code at}, if any)
 * @param nextAfter the customer id to pass for the next page, or null on the last page
 * @param values    in a ranked list ({@link Reports#ranked}), what each customer is worth, in the order of
 *                  {@code customers}; empty in a list by id
 * @param nextPage  in a ranked list, the number of the next page, or null on the last page; null in a list by id
 */
public record MemberPage(String stage, Instant at, long total, List<Stay> customers, String nextAfter,
                         List<CustomerValue> values, Integer nextPage) {

    public MemberPage {
        customers = List.copyOf(customers);
        values = List.copyOf(values);
    }
}
