package io.lifestage.plugin.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Rejection;
import io.lifestage.api.spi.Sink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
final class SalesforceSink implements Sink {

    private static final int MAX_RECORDS_PER_UPDATE = 200;

    private final Map<String, Transition> latest = new LinkedHashMap<>();
    private final Map<String, String> detailFields = new LinkedHashMap<>();
    private final Map<String, String> stageValues = new HashMap<>();
    private ConnectorContext context;
    private SalesforceApi api;
    private List<String> objects;
    private String idField;
    private String stageField;
    private int batchSize;
    private boolean rejectUnknown;

    @Override
    public void start(ConnectorContext context) {
        this.api = new SalesforceApi(context);
        this.objects = Soql.names(context.requiredSetting(SalesforceConnectorProvider.OBJECTS));
        this.idField = context.requiredSetting(SalesforceConnectorProvider.ID_FIELD).trim();
        this.stageField = context.requiredSetting(SalesforceConnectorProvider.STAGE_FIELD).trim();
        context.setting(SalesforceConnectorProvider.STAGES).ifPresent(this::readStages);
        for (String detail : List.of("rule", "reason", "since")) {
            context.setting(detail + "-field").map(String::trim).filter(name -> !name.isEmpty())
                    .ifPresent(name -> detailFields.put(detail, name));
        }
        this.batchSize = (int) context.integerSetting(SalesforceConnectorProvider.BATCH_SIZE);
        this.rejectUnknown = context.requiredSetting(SalesforceConnectorProvider.UNKNOWN_CUSTOMERS).equals("reject");
        api.login();
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

    private void sync(List<Transition> transitions) {
        Map<String, Map<String, String>> wanted = new LinkedHashMap<>();
        transitions.forEach(transition -> wanted.put(transition.customerId(), values(transition)));
        List<Map<String, Object>> updates = new ArrayList<>();
        Set<String> found = new HashSet<>();
        for (String object : objects) {
            for (JsonNode record : records(object, wanted.keySet())) {
                String customer = record.path(idField).asText();
                found.add(customer);
                Map<String, Object> update = new LinkedHashMap<>();
                wanted.get(customer).forEach((field, value) -> {
                    if (!same(record.path(field).asText(""), value)) {
                        update.put(field, value);
                    }
                });
                if (!update.isEmpty()) {
                    update.put("id", record.path("Id").asText());
                    update.put("attributes", Map.of("type", object));
                    updates.add(update);
                }
            }
        }
        List<String> unknown = wanted.keySet().stream().filter(customer -> !found.contains(customer)).toList();
        if (rejectUnknown) {
            unknown.forEach(customer -> reject("customer " + customer, "no " + String.join(" or ", objects)
                    + " has " + idField + " = " + customer));
        } else if (!unknown.isEmpty()) {
            context.logger().log(System.Logger.Level.INFO, "{0} customer(s) skipped: no record has their {1}",
                    String.valueOf(unknown.size()), idField);
        }
        for (int from = 0; from < updates.size(); from += MAX_RECORDS_PER_UPDATE) {
            update(updates.subList(from, Math.min(updates.size(), from + MAX_RECORDS_PER_UPDATE)));
        }
    }

    private Map<String, String> values(Transition transition) {
        String stage = transition.applied() ? transition.to() : transition.from();
        Map<String, String> values = new LinkedHashMap<>();
        values.put(stageField, stageValues.getOrDefault(stage, stage));
        if (transition.applied()) {
            detailFields.forEach((detail, field) -> values.put(field, switch (detail) {
                case "rule" -> transition.rule();
                case "reason" -> transition.reason();
                default -> transition.at().toString();
            }));
        }
        return values;
    }

    /** The records of the object whose id field holds one of the customer ids, following every batch. */
    private List<JsonNode> records(String object, Set<String> customers) {
        Set<String> selected = new LinkedHashSet<>(List.of("Id", idField, stageField));
        selected.addAll(detailFields.values());
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

    /** Whether a field's current value is the wanted one; date-times compare as instants, however spelled. */
    private static boolean same(String current, String wanted) {
        if (current.equals(wanted)) {
            return true;
        }
        try {
            return Objects.equals(Soql.instant(current, "date-time"), Soql.instant(wanted, "date-time"));
        } catch (ConnectorException notDateTimes) {
            return false;
        }
    }

    private void readStages(String setting) {
        for (String pair : setting.split(",")) {
            String[] parts = pair.split("=", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()
                    || stageValues.put(parts[0].trim(), parts[1].trim()) != null) {
                throw ConnectorException.fatal("setting 'stages': '" + pair.trim() + "' is not a stage=value pair of"
                        + " a stage not mapped before (example: awareness=Awareness,churn=Former customer)");
            }
        }
    }

    private void reject(String position, String reason) {
        context.reject(new Rejection(context.name(), position, reason, ""));
    }

    private void requireStarted(String call) {
        if (context == null) {
            throw new IllegalStateException("salesforce sink: " + call + "() before start(); the engine calls start"
                    + " first");
        }
    }
}
