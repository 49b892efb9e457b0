package io.lifestage.plugin.hubspot;

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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads contacts modified since the position with HubSpot's search API, oldest first, and returns each as a
 * {@link CustomerProfile}: the configured properties as traits, and as {@code updatedAt} the last time one of those
 * properties changed (from the property history, read with one batch request per page). A write-back that changes
 * only the lifecycle stage therefore gives the same profile again, which the engine drops as already stored: a run
 * never reads its own write-backs as new profile versions.
 *
 * <p>Search answers stop at 10,000 results and sort by one property only, so no search pages with {@code after}:
 * each starts again from the position, {@code lastmodifieddate} then record id, as two windows. Contacts after the
 * position, oldest first: every one modified before the last one of a full page is complete and returned; the
 * contacts of that last instant are then read in record id order with a second search. The position is that
 * instant and the last record id read at it: {@code 2026-03-01T10:00:00Z/1234}.
 */
final class HubSpotSource implements Source {

    private static final String MODIFIED = "lastmodifieddate";
    private static final String CONTACTS = "/crm/v3/objects/contacts";
    private static final int MAX_RECORD_CHARS = 1_000;

    private final Clock clock = Clock.systemUTC();
    private ConnectorContext context;
    private HubSpotApi api;
    private String idProperty;
    private List<String> traits;
    private int pageSize;
    private Duration settleTime;
    private Instant instant;
    private long lastId;
    private boolean instantComplete = true;

    @Override
    public void start(ConnectorContext context) {
        this.context = context;
        this.api = new HubSpotApi(context);
        this.idProperty = context.requiredSetting(HubSpotConnectorProvider.ID_PROPERTY).trim();
        this.traits = Arrays.stream(context.requiredSetting(HubSpotConnectorProvider.PROPERTIES).split(","))
                .map(String::trim).filter(name -> !name.isEmpty()).distinct().toList();
        if (traits.contains("lifecyclestage")) {
            throw ConnectorException.fatal("setting '" + HubSpotConnectorProvider.PROPERTIES.name()
                    + "' lists lifecyclestage, which the hubspot sink writes:"
                    + " read back, every write-back would be a new profile; leave it out");
        }
        this.pageSize = context.integerSetting(HubSpotConnectorProvider.PAGE_SIZE);
        this.settleTime = context.durationSetting(HubSpotConnectorProvider.SETTLE_TIME);
        context.resumePosition().filter(position -> !position.isEmpty()).ifPresent(this::resumeAt);
        api.checkAccess();
    }

    @Override
    public List<Fact> poll() {
        while (true) {
            boolean afterInstant = instantComplete;
            List<JsonNode> contacts = afterInstant ? nextInstants() : restOfInstant();
            if (contacts.isEmpty() && afterInstant && instantComplete) {
                return List.of();
            }
            List<Fact> profiles = contacts.isEmpty() ? List.of() : profiles(contacts);
            if (!profiles.isEmpty()) {
                return profiles;
            }
        }
    }

    /** The instant and the record id of the last contact read at it, or empty before the first. */
    @Override
    public String position() {
        return instant == null ? "" : instant + "/" + lastId;
    }

    @Override
    public void close() {
        // nothing is held open between polls
    }

    /**
     * Contacts modified after the current instant, oldest first, without those of the last instant of a full page:
     * that instant is left to {@link #restOfInstant}.
     */
    private List<JsonNode> nextInstants() {
        List<Map<String, String>> filters = new ArrayList<>();
        if (instant != null) {
            filters.add(filter(MODIFIED, "GT", instant.toEpochMilli()));
        }
        filters.add(filter(MODIFIED, "LT", clock.instant().minus(settleTime).toEpochMilli()));
        List<JsonNode> page = search(filters, MODIFIED);
        if (page.size() < pageSize) {
            advance(page);
            return page;
        }
        Instant last = modified(page.get(page.size() - 1));
        List<JsonNode> complete = page.stream().filter(contact -> modified(contact).isBefore(last)).toList();
        advance(complete);
        instant = last;
        lastId = 0;
        instantComplete = false;
        return complete;
    }

    /** Contacts modified at the current instant after the last record id read, in record id order. */
    private List<JsonNode> restOfInstant() {
        List<JsonNode> page = search(List.of(filter(MODIFIED, "EQ", instant.toEpochMilli()),
                filter(HubSpotConnectorProvider.RECORD_ID, "GT", lastId)), HubSpotConnectorProvider.RECORD_ID);
        advance(page);
        instantComplete = page.size() < pageSize;
        return page;
    }

    private List<JsonNode> search(List<Map<String, String>> filters, String sortBy) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filterGroups", List.of(Map.of("filters", filters)));
        body.put("sorts", List.of(Map.of("propertyName", sortBy, "direction", "ASCENDING")));
        body.put("properties", List.of(MODIFIED));
        body.put("limit", pageSize);
        List<JsonNode> contacts = new ArrayList<>();
        api.post(CONTACTS + "/search", body).path("results").forEach(contacts::add);
        contacts.sort(Comparator.comparing(HubSpotSource::modified).thenComparingLong(HubSpotSource::recordId));
        return contacts;
    }

    private void advance(List<JsonNode> contacts) {
        if (!contacts.isEmpty()) {
            JsonNode last = contacts.get(contacts.size() - 1);
            instant = modified(last);
            lastId = recordId(last);
        }
    }

    /** The contacts as profiles, their traits and property history read in one batch request. */
    private List<Fact> profiles(List<JsonNode> contacts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("inputs", contacts.stream().map(contact -> Map.of("id", contact.path("id").asText())).toList());
        List<String> properties = new ArrayList<>(traits);
        if (!properties.contains(idProperty)) {
            properties.add(idProperty);
        }
        body.put("properties", properties);
        body.put("propertiesWithHistory", traits);
        Map<String, JsonNode> read = new LinkedHashMap<>();
        api.post(CONTACTS + "/batch/read", body).path("results").forEach(c -> read.put(c.path("id").asText(), c));
        List<Fact> profiles = new ArrayList<>();
        for (JsonNode contact : contacts) {
            JsonNode record = read.get(contact.path("id").asText());
            if (record != null) {
                profile(record, contact).ifPresent(profiles::add);
            }
        }
        return profiles;
    }

    private Optional<CustomerProfile> profile(JsonNode record, JsonNode found) {
        JsonNode properties = record.path("properties");
        String id = idProperty.equals(HubSpotConnectorProvider.RECORD_ID) ? record.path("id").asText()
                : properties.path(idProperty).asText("");
        if (id.isBlank()) {
            context.reject(new Rejection(context.name(), "contact " + record.path("id").asText(), "the contact has no"
                    + " value for '" + idProperty + "' (setting '" + HubSpotConnectorProvider.ID_PROPERTY.name()
                    + "'), the customer id", excerpt(record)));
            return Optional.empty();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (String trait : traits) {
            String value = properties.path(trait).asText("");
            if (!value.isEmpty()) {
                values.put(trait, value);
            }
        }
        return Optional.of(new CustomerProfile(id, values, traitsChangedAt(record, found)));
    }

    /** The last change of a trait, by the property history; the contact's creation when no trait was ever set. */
    private Instant traitsChangedAt(JsonNode record, JsonNode found) {
        Instant latest = null;
        for (JsonNode versions : record.path("propertiesWithHistory")) {
            for (JsonNode version : versions) {
                Instant at = instant(version.path("timestamp").asText(), "a property version's timestamp");
                latest = latest == null || at.isAfter(latest) ? at : latest;
            }
        }
        return latest != null ? latest : instant(record.path("createdAt").asText(found.path("createdAt").asText()),
                "createdAt of contact " + record.path("id").asText());
    }

    private void resumeAt(String position) {
        int slash = position.lastIndexOf('/');
        try {
            this.instant = Instant.parse(position.substring(0, slash));
            this.lastId = Long.parseLong(position.substring(slash + 1));
            this.instantComplete = false;
        } catch (DateTimeParseException | NumberFormatException | StringIndexOutOfBoundsException e) {
            throw ConnectorException.fatal("cannot resume at position '" + position + "': expected a modification"
                    + " instant and a record id, such as 2026-03-01T10:00:00Z/1234; was it written by another"
                    + " connector type?", e);
        }
    }

    private static Map<String, String> filter(String property, String operator, long value) {
        return Map.of("propertyName", property, "operator", operator, "value", Long.toString(value));
    }

    private static Instant modified(JsonNode contact) {
        return instant(contact.path("properties").path(MODIFIED).asText(contact.path("updatedAt").asText()),
                "lastmodifieddate of contact " + contact.path("id").asText());
    }

    private static long recordId(JsonNode contact) {
        return Long.parseLong(contact.path("id").asText());
    }

    private static Instant instant(String value, String what) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ConnectorException.fatal("HubSpot answered a " + what + " of '" + value + "', not an ISO-8601"
                    + " instant", e);
        }
    }

    private static String excerpt(JsonNode record) {
        String text = record.toString();
        return text.length() > MAX_RECORD_CHARS ? text.substring(0, MAX_RECORD_CHARS) : text;
    }
}
