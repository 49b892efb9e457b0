package io.lifestage.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a CRM knows about a customer: their traits (email, plan, country, account owner…) as of a moment.
 * A profile makes a customer known to the engine even before any event of theirs is seen.
 *
 * @param customerId the customer's id
 * @param traits     immutable traits, no null values
 * @param updatedAt  when the CRM last changed the record
 */
public record CustomerProfile(String customerId, Map<String, Object> traits, Instant updatedAt) implements Fact {

    public CustomerProfile {
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("a profile needs a customerId");
        }
        Objects.requireNonNull(updatedAt, "updatedAt");
        traits = traits == null ? Map.of() : Map.copyOf(traits);
    }
}
