package io.lifestage.plugin.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifestage.api.CustomerProfile;
import io.lifestage.api.Fact;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Rejection;
import io.lifestage.api.spi.Source;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the records of each configured object (Contacts, then Leads) modified after the position, with one SOQL
 * query per object ordered by {@code SystemModstamp} and {@code Id}, following {@code nextRecordsUrl}, and returns
 * each as a {@link CustomerProfile}: the configured fields as traits, {@code LastModifiedDate} as {@code updatedAt}.
 *
 * <p>The position is, per object, the {@code SystemModstamp} and {@code Id} of the last record read:
 * {@code Contact=2026-03-01T10:00:00Z/003…;Lead=…}; a restart queries
 * {@code SystemModstamp > t OR (SystemModstamp = t AND Id > id)}, so nothing is lost or read twice.
 *
 * <p>No echo: a record whose last modification was made by the connected app's run-as user — the sink's
 * write-back — is skipped (its position still advances), so a run does not read its own write-backs as new
 * profiles. Give Lifestage a run-as user of its own: changes another job makes as that user are skipped too.
 */
final class SalesforceSource implements Source {

    private static final int MAX_RECORD_CHARS = 1_000;

    private final Clock clock = Clock.systemUTC();
    private final Map<String, String> cursors = new LinkedHashMap<>();
    private final Deque<JsonNode> buffer = new ArrayDeque<>();
    private ConnectorContext context;
    private SalesforceApi api;
    private List<String> objects;
    private List<String> fields;
    private String idField;
    private int batchSize;
    private Duration settleTime;
    private int current;
    private boolean queried;
    private String nextRecordsUrl;

    @Override
    public void start(ConnectorContext context) {
        this.context = context;
        this.api = new SalesforceApi(context);
        this.objects = Soql.names(context.requiredSetting(SalesforceConnectorProvider.OBJECTS));
        this.fields = Soql.names(context.requiredSetting(SalesforceConnectorProvider.FIELDS));
        this.idField = context.requiredSetting(SalesforceConnectorProvider.ID_FIELD).trim();
        this.batchSize = context.integerSetting(SalesforceConnectorProvider.SOURCE_BATCH_SIZE);
        this.settleTime = context.durationSetting(SalesforceConnectorProvider.SETTLE_TIME);
        context.resumePosition().filter(position -> !position.isEmpty()).ifPresent(this::resumeAt);
        api.login();
    }

    @Override
    public List<Fact> poll() {
        List<Fact> facts = new ArrayList<>();
        while (facts.size() < batchSize) {
            JsonNode record = nextRecord();
            if (record == null) {
                break;
            }
            String object = objects.get(current);
            cursors.put(object, Soql.instant(record.path("SystemModstamp").asText(), "SystemModstamp") + "/"
                    + record.path("Id").asText());
            if (!record.path("LastModifiedById").asText().equals(api.userId())) {
                profile(object, record, facts);
            }
        }
        return facts;
    }

    /** Per object, the {@code SystemModstamp} and {@code Id} of the last record read; empty before the first. */
    @Override
    public String position() {
        return cursors.entrySet().stream().map(cursor -> cursor.getKey() + "=" + cursor.getValue())
                .collect(Collectors.joining(";"));
    }

    @Override
    public void close() {
        buffer.clear();
    }

    /** The next record of this pass over the objects, or null at its end; the call after that starts a new pass. */
    private JsonNode nextRecord() {
        while (buffer.isEmpty()) {
            if (nextRecordsUrl != null) {
                load(api.next(nextRecordsUrl));
            } else if (!queried) {
                load(api.query(query(objects.get(current))));
                queried = true;
            } else if (current + 1 < objects.size()) {
                current++;
                queried = false;
            } else {
                current = 0;
                queried = false;
                return null;
            }
        }
        return buffer.poll();
    }

    private void load(JsonNode answer) {
        answer.path("records").forEach(buffer::add);
        nextRecordsUrl = answer.path("done").asBoolean(true) ? null : answer.path("nextRecordsUrl").asText(null);
    }

    private String query(String object) {
        List<String> selected = new ArrayList<>(List.of("Id", "SystemModstamp", "LastModifiedDate",
                "LastModifiedById"));
        if (!selected.contains(idField)) {
            selected.add(idField);
        }
        fields.stream().filter(field -> !selected.contains(field)).forEach(selected::add);
        StringBuilder soql = new StringBuilder("SELECT ").append(String.join(", ", selected)).append(" FROM ")
                .append(object).append(" WHERE SystemModstamp < ")
                .append(Soql.literal(clock.instant().minus(settleTime)));
        String cursor = cursors.get(object);
        if (cursor != null) {
            String at = Soql.literal(Instant.parse(cursor.substring(0, cursor.indexOf('/'))));
            soql.append(" AND (SystemModstamp > ").append(at).append(" OR (SystemModstamp = ").append(at)
                    .append(" AND Id > ").append(Soql.literal(cursor.substring(cursor.indexOf('/') + 1)))
                    .append("))");
        }
        return soql.append(" ORDER BY SystemModstamp, Id").toString();
    }

    private void profile(String object, JsonNode record, List<Fact> facts) {
        String id = record.path(idField).asText("");
        if (id.isBlank()) {
            String text = record.toString();
            context.reject(new Rejection(context.name(), object + " " + record.path("Id").asText(), "the record has"
                    + " no " + idField + " (setting '" + SalesforceConnectorProvider.ID_FIELD.name()
                    + "'), the customer id", text.substring(0,
                    Math.min(text.length(), MAX_RECORD_CHARS))));
            return;
        }
        Map<String, Object> traits = new LinkedHashMap<>();
        for (String field : fields) {
            JsonNode value = record.path(field);
            if (value.isNumber()) {
                traits.put(field, value.numberValue());
            } else if (value.isBoolean()) {
                traits.put(field, value.booleanValue());
            } else if (value.isTextual() && !value.asText().isEmpty()) {
                traits.put(field, value.asText());
            }
        }
        facts.add(new CustomerProfile(id, traits, Soql.instant(record.path("LastModifiedDate").asText(),
                "LastModifiedDate")));
    }

    private void resumeAt(String position) {
        for (String cursor : position.split(";")) {
            int equals = cursor.indexOf('=');
            int slash = cursor.lastIndexOf('/');
            try {
                Instant.parse(cursor.substring(equals + 1, slash));
            } catch (RuntimeException e) {
                throw ConnectorException.fatal("cannot resume at position '" + position + "': expected"
                        + " Object=SystemModstamp/Id pairs separated by ';', such as"
                        + " Contact=2026-03-01T10:00:00Z/0035g00000AbCdE; was it written by another connector type?",
                        e);
            }
            cursors.put(cursor.substring(0, equals), cursor.substring(equals + 1));
        }
    }
}
