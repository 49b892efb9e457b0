package io.lifestage.segment;

import io.lifestage.api.Transition;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How decisions and transitions spell their values as text, the same in every output: the file, jdbc, http, kafka
 * and spool sinks, the Kafka Streams node and the HTTP API. Enum constants are lower case with underscores
 * ({@code allowed}, {@code kept_against_policy}, {@code refused}), as the HTTP API's OpenAPI document declares them;
 * lists are JSON arrays in JSON outputs ({@link RecordJson}) and joined by {@code ,} in flat outputs (a CSV cell, a
 * table column).
 */
public final class Wire {

    private static final String LIST_SEPARATOR = ",";
    /** Each enum type's constants as spelled, by ordinal: spelled once, not per record written. */
    private static final ClassValue<String[]> NAMES = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            return Arrays.stream(type.getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
        }
    };

    private Wire() {
    }

    /** An enum constant as every output spells it: {@code KEPT_AGAINST_POLICY} is {@code kept_against_policy}. */
    public static String name(Enum<?> constant) {
        return NAMES.get(constant.getDeclaringClass())[constant.ordinal()];
    }

    /** A list as a flat output (a CSV cell, a table column) holds it: the values joined by {@code ,}. */
    public static String list(List<String> values) {
        return String.join(LIST_SEPARATOR, values);
    }

    /**
     * A transition's policy as an output spells it. Also reads the spellings of earlier versions, so that stored
     * outputs can be read back: {@code kept-against-policy} (webhook, jdbc and kafka sinks) and
     * {@code KEPT_AGAINST_POLICY} (file and spool sinks).
     *
     * @throws IllegalArgumentException naming the text when it is no policy in any of these spellings
     */
    public static Transition.Policy policy(String text) {
        String constant = text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (Transition.Policy policy : Transition.Policy.values()) {
            if (policy.name().equals(constant)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a transition policy; expected allowed,"
                + " kept_against_policy or refused");
    }
}
