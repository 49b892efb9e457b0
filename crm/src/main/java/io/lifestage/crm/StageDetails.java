package io.lifestage.crm;

import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CRM fields that receive, beside the stage, the rule that decided, its reason and the instant of the move:
 * each optional, named by the settings {@code rule-<suffix>}, {@code reason-<suffix>} and {@code since-<suffix>}
 * ({@code rule-property} for HubSpot, {@code rule-field} for Salesforce).
 */
final class StageDetails {

    private static final List<String> DETAILS = List.of("rule", "reason", "since");

    private final Map<String, String> fields = new LinkedHashMap<>();

    private StageDetails() {
    }

    /** The three optional keys, for a CRM that calls its fields {@code noun}s ({@code property}, {@code field}). */
    static List<ConfigKey> keys(String noun) {
        return List.of(
                ConfigKey.optional("rule-" + noun, ConfigKey.Type.STRING, null,
                        "A " + noun + " the deciding rule is written to; none when unset."),
                ConfigKey.optional("reason-" + noun, ConfigKey.Type.STRING, null,
                        "A " + noun + " the reason is written to; none when unset."),
                ConfigKey.optional("since-" + noun, ConfigKey.Type.STRING, null,
                        "A date-time " + noun + " the instant of the move is written to (ISO-8601); none when unset."));
    }

    /** The fields the context's settings name. */
    static StageDetails read(ConnectorContext context, String noun) {
        StageDetails details = new StageDetails();
        for (String detail : DETAILS) {
            context.setting(detail + "-" + noun).map(String::trim).filter(name -> !name.isEmpty())
                    .ifPresent(name -> details.fields.put(detail, name));
        }
        return details;
    }

    /** The names of the configured fields. */
    List<String> fields() {
        return List.copyOf(fields.values());
    }

    /** Field name → value for the move; empty for a refused move, which decided nothing new. */
    Map<String, String> of(Transition move) {
        Map<String, String> values = new LinkedHashMap<>();
        if (move.applied()) {
            fields.forEach((detail, field) -> values.put(field, switch (detail) {
                case "rule" -> move.rule();
                case "reason" -> move.reason();
                default -> move.at().toString();
            }));
        }
        return values;
    }
}
