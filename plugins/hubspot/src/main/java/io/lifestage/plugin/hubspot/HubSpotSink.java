package io.lifestage.plugin.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Rejection;
import io.lifestage.api.spi.Sink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes each customer's stage to a contact property, {@code lifecyclestage} by default, mapped to its values by
 * {@link StageMapping}. It keeps one stage per customer: where the last of the customer's transitions left them
 * (a refused move leaves them where they were), with that transition's rule, reason and instant when the
 * {@code *-property} settings name properties for them. Decisions are ignored.
 *
 * <p>On {@code flush}, per batch of up to 100 customers: one batch read of the contacts' current values; contacts
 * that already hold them are left alone, so a redelivery sends no update; contacts whose lifecycle stage must move
 * to an earlier value are cleared with one batch update (HubSpot ignores a backward move otherwise, and does not
 * order the inputs of one request); then one batch update sets the values. A customer without a contact is skipped
 * or rejected ({@code unknown-customers}); a contact HubSpot refuses to update is rejected with HubSpot's message.
 */
final class HubSpotSink implements Sink {

    private static final String BATCH = "/crm/v3/objects/contacts/batch/";

    private final Map<String, Transition> latest = new LinkedHashMap<>();
    private ConnectorContext context;
    private HubSpotApi api;
    private String idProperty;
    private String stageProperty;
    private StageMapping mapping;
    private Map<String, String> detailProperties;
    private int batchSize;
    private boolean rejectUnknown;

    @Override
    public void start(ConnectorContext context) {
        this.api = new HubSpotApi(context);
        this.idProperty = context.requiredSetting(HubSpotConnectorProvider.ID_PROPERTY).trim();
        this.stageProperty = context.requiredSetting(HubSpotConnectorProvider.STAGE_PROPERTY).trim();
        this.mapping = StageMapping.parse(context.requiredSetting(HubSpotConnectorProvider.STAGES),
                context.requiredSetting(HubSpotConnectorProvider.STAGE_ORDER));
        this.detailProperties = new LinkedHashMap<>();
        for (String detail : List.of("rule", "reason", "since")) {
            context.setting(detail + "-property").map(String::trim).filter(name -> !name.isEmpty())
                    .ifPresent(name -> detailProperties.put(detail, name));
        }
        this.batchSize = (int) context.integerSetting(HubSpotConnectorProvider.BATCH_SIZE);
        this.rejectUnknown = context.requiredSetting(HubSpotConnectorProvider.UNKNOWN_CUSTOMERS).equals("reject");
        api.checkAccess();
        this.context = context;
    }

    @Override
    public void writeTransitions(List<Transition> transitions) {
        requireStarted("writeTransitions");
        for (Transition transition : transitions) {
            if (transition.applied() || transition.from() != null) {
                latest.merge(transition.customerId(), transition,
                        (kept, next) -> next.at().isBefore(kept.at()) ? kept : next);
            }
        }
    }

    @Override
    public void flush() {
        requireStarted("flush");
        List<Transition> all = new ArrayList<>(latest.values());
        for (int from = 0; from < all.size(); from += batchSize) {
            sync(all.subList(from, Math.min(all.size(), from + batchSize)));
        }
        latest.clear();
    }

    @Override
    public void close() {
        latest.clear();
    }

    /** Brings up to one batch of contacts to the stages of their customers' last transitions. */
    private void sync(List<Transition> transitions) {
        Map<String, Map<String, String>> wanted = new LinkedHashMap<>();
        for (Transition transition : transitions) {
            String stage = transition.applied() ? transition.to() : transition.from();
            mapping.valueOf(stage).ifPresentOrElse(value -> wanted.put(transition.customerId(),
                    properties(value, transition)), () -> reject(transition.customerId(), "stage '" + stage
                    + "' has no " + stageProperty + " value in setting 'stages'"));
        }
        Map<String, JsonNode> contacts = read(wanted.keySet());
        Map<String, Map<String, String>> clears = new LinkedHashMap<>();
        Map<String, Map<String, String>> sets = new LinkedHashMap<>();
        int unknown = 0;
        for (Map.Entry<String, Map<String, String>> customer : wanted.entrySet()) {
            JsonNode contact = contacts.get(customer.getKey());
            if (contact == null) {
                unknown++;
                if (rejectUnknown) {
                    reject(customer.getKey(), "no HubSpot contact has " + idProperty + " = " + customer.getKey());
                }
                continue;
            }
            JsonNode current = contact.path("properties");
            Map<String, String> changed = new LinkedHashMap<>(customer.getValue());
            changed.entrySet().removeIf(property -> property.getValue().equals(current.path(property.getKey())
                    .asText("")));
            String id = contact.path("id").asText();
            if (changed.isEmpty()) {
                continue;
            }
            if (mapping.needsClearing(current.path(stageProperty).asText(""), customer.getValue().get(stageProperty))) {
                clears.put(id, Map.of(stageProperty, ""));
            }
            sets.put(id, changed);
        }
        if (unknown > 0 && !rejectUnknown) {
            context.logger().log(System.Logger.Level.INFO, "{0} customer(s) skipped: no HubSpot contact has their {1}",
                    String.valueOf(unknown), idProperty);
        }
        Set<String> failed = update(clears, Set.of());
        update(sets, failed);
    }

    private Map<String, String> properties(String value, Transition transition) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(stageProperty, value);
        if (transition.applied()) {
            detailProperties.forEach((detail, property) -> properties.put(property, switch (detail) {
                case "rule" -> transition.rule();
                case "reason" -> transition.reason();
                default -> transition.at().toString();
            }));
        }
        return properties;
    }

    /** The contacts of these customers, by customer id, with the properties the sink writes. */
    private Map<String, JsonNode> read(Set<String> customers) {
        Map<String, JsonNode> contacts = new LinkedHashMap<>();
        if (customers.isEmpty()) {
            return contacts;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("inputs", customers.stream().map(customer -> Map.of("id", customer)).toList());
        List<String> properties = new ArrayList<>(List.of(stageProperty));
        properties.addAll(detailProperties.values());
        if (!idProperty.equals(HubSpotConnectorProvider.RECORD_ID)) {
            body.put("idProperty", idProperty);
            properties.add(idProperty);
        }
        body.put("properties", properties);
        for (JsonNode contact : api.post(BATCH + "read", body).path("results")) {
            String customer = idProperty.equals(HubSpotConnectorProvider.RECORD_ID) ? contact.path("id").asText()
                    : contact.path("properties").path(idProperty).asText();
            contacts.put(customer, contact);
        }
        return contacts;
    }

    /**
     * Updates the contacts, by record id, except those that failed before; rejects each contact HubSpot refuses and
     * returns the ids of the refused.
     */
    private Set<String> update(Map<String, Map<String, String>> properties, Set<String> skip) {
        List<Map<String, Object>> inputs = new ArrayList<>();
        properties.forEach((id, values) -> {
            if (!skip.contains(id)) {
                inputs.add(Map.of("id", id, "properties", values));
            }
        });
        Set<String> refused = new HashSet<>();
        if (inputs.isEmpty()) {
            return refused;
        }
        JsonNode answer = api.post(BATCH + "update", Map.of("inputs", inputs));
        for (JsonNode error : answer.path("errors")) {
            JsonNode ids = error.path("context").path("ids");
            if (ids.isEmpty()) {
                throw ConnectorException.fatal("HubSpot refused part of a batch update without naming the contacts: "
                        + error.path("category").asText() + ": " + error.path("message").asText());
            }
            for (JsonNode id : ids) {
                refused.add(id.asText());
                reject("contact " + id.asText(), "HubSpot refused the update: " + error.path("category").asText()
                        + ": " + error.path("message").asText());
            }
        }
        return refused;
    }

    private void reject(String who, String reason) {
        context.reject(new Rejection(context.name(), who.startsWith("contact ") ? who : "customer " + who, reason,
                ""));
    }

    private void requireStarted(String call) {
        if (context == null) {
            throw new IllegalStateException("hubspot sink: " + call + "() before start(); the engine calls start"
                    + " first");
        }
    }
}
