package io.lifestage.plugin.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.crm.DateTimes;
import io.lifestage.crm.StageSyncSink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes each customer's stage to a field of their records (Contacts and Leads by default): where the last of the
 * customer's transitions left them (a refused move leaves them where they were), as the {@code stages} mapping
 * spells it, with that transition's rule, reason and instant when the {@code *-field} settings name fields for
 * them. Decisions are ignored.
 *
 * <p>On {@code flush}, per batch of customers: one SOQL query per object finds their records and current values;
 * records that already hold the wanted values are left alone, so a redelivery sends nothing; the others are updated
 * with the sObject Collections API ({@code PATCH /composite/sobjects}, at most 200 records per request,
 * {@code allOrNone=false}). A record Salesforce refuses is rejected with its status code and message, the others
 * are written. A customer without a record is skipped or rejected ({@code unknown-customers}).
 */
final class SalesforceSink extends StageSyncSink {

    private static final int MAX_RECORDS_PER_UPDATE = 200;

    private final Map<String, String> stageValues = new HashMap<>();
    private SalesforceApi api;
    private List<String> objects;
    private String idField;
    private String stageField;

    SalesforceSink() {
        super("field");
    }

    @Override
    protected int open(ConnectorContext context) {
        this.api = new SalesforceApi(context);
        this.objects = Soql.names(context.requiredSetting(SalesforceConnectorProvider.OBJECTS));
        this.idField = context.requiredSetting(SalesforceConnectorProvider.ID_FIELD).trim();
        this.stageField = context.requiredSetting(SalesforceConnectorProvider.STAGE_FIELD).trim();
        context.setting(SalesforceConnectorProvider.STAGES).ifPresent(this::readStages);
        api.login();
        return context.integerSetting(SalesforceConnectorProvider.SINK_BATCH_SIZE);
    }

    @Override
    protected void sync(List<CustomerStage> customers) {
        Map<String, Map<String, String>> wanted = wanted(customers, stageField,
                stage -> Optional.of(stageValues.getOrDefault(stage, stage)));
        List<Map<String, Object>> updates = new ArrayList<>();
        Set<String> found = new HashSet<>();
        for (String object : objects) {
            for (JsonNode record : records(object, wanted.keySet())) {
                String customer = record.path(idField).asText();
                found.add(customer);
                Map<String, Object> update = new LinkedHashMap<>(DateTimes.changed(wanted.get(customer),
                        field -> record.path(field).asText("")));
                if (!update.isEmpty()) {
                    update.put("id", record.path("Id").asText());
                    update.put("attributes", Map.of("type", object));
                    updates.add(update);
                }
            }
        }
        unknown(wanted.keySet().stream().filter(customer -> !found.contains(customer)).toList(),
                String.join(" or ", objects), idField);
        for (int from = 0; from < updates.size(); from += MAX_RECORDS_PER_UPDATE) {
            update(updates.subList(from, Math.min(updates.size(), from + MAX_RECORDS_PER_UPDATE)));
        }
    }

    /** The records of the object whose id field holds one of the customer ids, following every batch. */
    private List<JsonNode> records(String object, Set<String> customers) {
        Set<String> selected = new LinkedHashSet<>(List.of("Id", idField, stageField));
        selected.addAll(detailFields());
        JsonNode answer = api.query("SELECT " + String.join(", ", selected) + " FROM " + object + " WHERE " + idField
                + " IN " + Soql.list(customers));
        List<JsonNode> records = new ArrayList<>();
        while (true) {
            answer.path("records").forEach(records::add);
            if (answer.path("done").asBoolean(true)) {
                return records;
            }
            answer = api.next(answer.path("nextRecordsUrl").asText());
        }
    }

    private void update(List<Map<String, Object>> records) {
        JsonNode results = api.update(Map.of("allOrNone", false, "records", records));
        for (int i = 0; i < records.size(); i++) {
            JsonNode result = results.path(i);
            if (!result.path("success").asBoolean(false)) {
                StringBuilder reason = new StringBuilder("Salesforce refused the update:");
                result.path("errors").forEach(error -> reason.append(' ').append(error.path("statusCode").asText())
                        .append(": ").append(error.path("message").asText()).append(" (fields ")
                        .append(error.path("fields")).append(')'));
                Map<?, ?> type = (Map<?, ?>) records.get(i).get("attributes");
                reject(type.get("type") + " " + records.get(i).get("id"), reason.toString());
            }
        }
    }

    private void readStages(String setting) {
        for (String pair : setting.split(",")) {
            String[] parts = pair.split("=", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()
                    || stageValues.put(parts[0].trim(), parts[1].trim()) != null) {
                throw ConnectorException.fatal("setting '" + SalesforceConnectorProvider.STAGES.name() + "': '"
                        + pair.trim() + "' is not a stage=value pair of a stage not mapped before (example:"
                        + " awareness=Awareness,churn=Former customer)");
            }
        }
    }
}
