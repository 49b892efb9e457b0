package io.lifestage.engine.store;

import java.util.function.Predicate;

/**
 * Which facts a reader of the store needs with their properties and traits, by the fact's name (a profile's is
 * {@code Profile}) and instant: parsing them is most of the cost of reading a fact, and most facts are counted by name
 * and instant alone.
 */
@FunctionalInterface
public interface MapsWanted {

    /** Whether a fact with this name, at this instant (epoch milliseconds), is wanted with its maps. */
    boolean test(String name, long at);

    /** The facts with these names, whenever they happened. */
    static MapsWanted named(Predicate<String> names) {
        return (name, at) -> names.test(name);
    }

    /** These facts, and also those with {@code names} at or after {@code from} (epoch milliseconds). */
    default MapsWanted orFrom(long from, Predicate<String> names) {
        return (name, at) -> test(name, at) || at >= from && names.test(name);
    }
}
