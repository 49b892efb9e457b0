package io.lifestage.api;

/**
 * Something a source knows about a customer: an {@link Event} they caused or their {@link CustomerProfile}.
 * The engine aggregates all facts of a customer into the metrics its rules read.
 */
public sealed interface Fact permits Event, CustomerProfile {

    /** The id the fact is attributed to: never null or blank. */
    String customerId();
}
