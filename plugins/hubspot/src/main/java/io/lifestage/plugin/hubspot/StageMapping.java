package io.lifestage.plugin.hubspot;

import io.lifestage.api.spi.ConnectorException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which lifecycle stage value each Lifestage stage is written as, and HubSpot's order of those values: HubSpot only
 * moves a contact's lifecycle stage forward, so a move to an earlier value must clear the property first.
 */
final class StageMapping {

    static final String DEFAULT_STAGES = "awareness=subscriber,consideration=lead,conversion=customer,"
            + "retention=customer,loyalty=evangelist,churn=other";
    static final String DEFAULT_ORDER = "subscriber,lead,marketingqualifiedlead,salesqualifiedlead,opportunity,"
            + "customer,evangelist,other";

    private final Map<String, String> values;
    private final List<String> order;

    private StageMapping(Map<String, String> values, List<String> order) {
        this.values = values;
        this.order = order;
    }

    /**
     * Reads the {@code stages} and {@code stage-order} settings.
     *
     * @throws ConnectorException naming the setting and the entry when a pair is malformed, a stage comes twice or a
     *                            value is missing from the order
     */
    static StageMapping parse(String stages, String order) {
        List<String> ordered = Arrays.stream(order.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : stages.split(",")) {
            String[] parts = pair.split("=", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw ConnectorException.fatal("setting '" + HubSpotConnectorProvider.STAGES.name() + "': '"
                        + pair.trim() + "' is not stage=value (example: " + DEFAULT_STAGES + ")");
            }
            String value = parts[1].trim();
            if (values.put(parts[0].trim(), value) != null) {
                throw ConnectorException.fatal("setting '" + HubSpotConnectorProvider.STAGES.name() + "' maps stage '"
                        + parts[0].trim() + "' twice");
            }
            if (!ordered.contains(value)) {
                throw ConnectorException.fatal("setting '" + HubSpotConnectorProvider.STAGES.name() + "' maps '"
                        + parts[0].trim() + "' to '" + value + "', which setting '"
                        + HubSpotConnectorProvider.STAGE_ORDER.name() + "' does not list (" + ordered + ")");
            }
        }
        return new StageMapping(values, ordered);
    }

    /**
     * Checks that every stage of the engine's stage model has a value, so that a pack's stage the mapping forgot
     * stops the run at start rather than rejecting its customers at every flush.
     *
     * @throws ConnectorException naming the stages without a value
     */
    void requireEvery(List<String> stages) {
        List<String> unmapped = stages.stream().filter(stage -> !values.containsKey(stage)).toList();
        if (!unmapped.isEmpty()) {
            throw ConnectorException.fatal("setting '" + HubSpotConnectorProvider.STAGES.name() + "' maps no"
                    + " lifecycle stage value for the rule pack's stage(s) " + unmapped + " (it maps " + values.keySet()
                    + ")");
        }
    }

    /** The property value of a stage; empty when the mapping has none. */
    Optional<String> valueOf(String stage) {
        return Optional.ofNullable(values.get(stage));
    }

    /**
     * Whether writing {@code target} over {@code current} needs the property cleared first: {@code current} is set
     * and comes after {@code target} in HubSpot's order, or is a value the order does not know.
     */
    boolean needsClearing(String current, String target) {
        if (current == null || current.isEmpty() || current.equals(target)) {
            return false;
        }
        int at = order.indexOf(current);
        return at < 0 || at > order.indexOf(target);
    }
}
