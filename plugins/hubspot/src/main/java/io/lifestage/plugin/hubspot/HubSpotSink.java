package io.lifestage.plugin.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.crm.DateTimes;
import io.lifestage.crm.StageSyncSink;
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
final class HubSpotSink extends StageSyncSink {

    private static final String BATCH = "/crm/v3/objects/contacts/batch/";

    private HubSpotApi api;
    private String idProperty;
    private String stageProperty;
    private StageMapping mapping;

    HubSpotSink() {
        super("property");
    }

    @Override
    protected int open(ConnectorContext context) {
        this.api = new HubSpotApi(context);
        this.idProperty = context.requiredSetting(HubSpotConnectorProvider.ID_PROPERTY).trim();
        this.stageProperty = context.requiredSetting(HubSpotConnectorProvider.STAGE_PROPERTY).trim();
        this.mapping = StageMapping.parse(context.requiredSetting(HubSpotConnectorProvider.STAGES),
                context.requiredSetting(HubSpotConnectorProvider.STAGE_ORDER));
        context.stageModel().ifPresent(model -> mapping.requireEvery(model.names()));
        api.checkAccess();
        return context.integerSetting(HubSpotConnectorProvider.BATCH_SIZE);
    }

    @Override
    protected void sync(List<CustomerStage> customers) {
        Map<String, Map<String, String>> wanted = wanted(customers, stageProperty, mapping::valueOf);
        Map<String, JsonNode> contacts = read(wanted.keySet());
        Map<String, Map<String, String>> clears = new LinkedHashMap<>();
        Map<String, Map<String, String>> sets = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> customer : wanted.entrySet()) {
            JsonNode contact = contacts.get(customer.getKey());
            if (contact == null) {
                continue;
            }
            JsonNode current = contact.path("properties");
            Map<String, String> changed = DateTimes.changed(customer.getValue(),
                    property -> current.path(property).asText(""));
            String id = contact.path("id").asText();
            if (changed.isEmpty()) {
                continue;
            }
            if (mapping.needsClearing(current.path(stageProperty).asText(""), customer.getValue().get(stageProperty))) {
                clears.put(id, Map.of(stageProperty, ""));
            }
            sets.put(id, changed);
        }
        unknown(wanted.keySet().stream().filter(customer -> !contacts.containsKey(customer)).toList(),
                "HubSpot contact", idProperty);
        Set<String> failed = update(clears, Set.of());
        update(sets, failed);
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
        properties.addAll(detailFields());
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
}
