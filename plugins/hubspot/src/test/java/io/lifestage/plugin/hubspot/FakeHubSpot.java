package io.lifestage.plugin.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.lifestage.crm.FakeCrmServer;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A HubSpot account on loopback, as the CRM v3 contacts API documents it: the search endpoint (filter groups ORed,
 * filters ANDed, one sort, at most 200 per page and 10,000 results in all, ties in no useful order), batch read
 * (with {@code idProperty} and {@code propertiesWithHistory}) and batch update of at most 100 inputs, errors in
 * HubSpot's shape, 207 for the inputs it could not find, 429 with {@code Retry-After} on demand, and the lifecycle
 * stage that only moves forward unless cleared first. Every change stamps the contact's {@code lastmodifieddate}.
 */
final class FakeHubSpot extends FakeCrmServer {

    static final String TOKEN = "pat-na1-test-token";
    static final List<String> LIFECYCLE_ORDER = List.of(StageMapping.DEFAULT_ORDER.split(","));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> UNIQUE_PROPERTIES = Set.of("email", "lifestage_id");

    private final Map<Long, Contact> contacts = new TreeMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private long nextId = 101;
    private long lastStamp;
    private int rateLimitedRequests;
    private int maxSearchResults = 10_000;

    /** One request as received: method, path and JSON body (null for a GET). */
    record Request(String method, String path, JsonNode body) {
    }

    private static final class Contact {
        final long id;
        final Instant createdAt;
        final Map<String, List<ObjectNode>> history = new LinkedHashMap<>();
        Instant modified;

        Contact(long id, Instant createdAt) {
            this.id = id;
            this.createdAt = createdAt;
            this.modified = createdAt;
        }

        String value(String property) {
            return switch (property) {
                case "hs_object_id" -> Long.toString(id);
                case "lastmodifieddate" -> modified.toString();
                case "createdate" -> history.containsKey(property) ? current(property) : createdAt.toString();
                default -> current(property);
            };
        }

        private String current(String property) {
            List<ObjectNode> versions = history.get(property);
            return versions == null ? null : versions.get(0).path("value").asText();
        }
    }

    /** Adds a contact whose properties were all set at {@code at}; returns its record id. */
    synchronized long add(Map<String, String> properties, Instant at) {
        Contact contact = new Contact(nextId++, at);
        properties.forEach((name, value) -> set(contact, name, value, at));
        contacts.put(contact.id, contact);
        return contact.id;
    }

    /** A property's current value, or null. */
    synchronized String value(long id, String property) {
        return contacts.get(id).value(property);
    }

    /** Every value a property held, newest first; {@code ""} where it was cleared. */
    synchronized List<String> history(long id, String property) {
        return contacts.get(id).history.getOrDefault(property, List.of()).stream()
                .map(version -> version.path("value").asText()).toList();
    }

    /** The record ids of the contacts, in creation order. */
    synchronized List<Long> ids() {
        return List.copyOf(contacts.keySet());
    }

    /** Changes one property now, as a user of HubSpot would. */
    synchronized void edit(long id, String property, String value) {
        Contact contact = contacts.get(id);
        set(contact, property, value, stamp());
    }

    /** The next {@code count} requests are answered 429 with {@code Retry-After: 1}. */
    synchronized void rateLimitNext(int count) {
        rateLimitedRequests = count;
    }

    /** Lowers the 10,000 results a search can page through, to test with fewer contacts. */
    synchronized void capSearchResults(int max) {
        maxSearchResults = max;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String pathEnd) {
        return requests().stream().filter(request -> request.path().endsWith(pathEnd)).toList();
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] raw = exchange.getRequestBody().readAllBytes();
        JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
        requests.add(new Request(exchange.getRequestMethod(), path, body));
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            error(exchange, 401, "INVALID_AUTHENTICATION", "Authentication credentials not found.");
        } else if (rateLimitedRequests > 0) {
            rateLimitedRequests--;
            exchange.getResponseHeaders().add("Retry-After", "1");
            ObjectNode limit = errorBody("RATE_LIMITS", "You have reached your ten_secondly_rolling limit.");
            limit.put("policyName", "TEN_SECONDLY_ROLLING");
            send(exchange, 429, limit);
        } else if (path.equals("/crm/v3/objects/contacts") && exchange.getRequestMethod().equals("GET")) {
            send(exchange, 200, JSON.createObjectNode().set("results", JSON.createArrayNode()));
        } else if (path.equals("/crm/v3/objects/contacts/search")) {
            search(exchange, body);
        } else if (path.equals("/crm/v3/objects/contacts/batch/read")) {
            batchRead(exchange, body);
        } else if (path.equals("/crm/v3/objects/contacts/batch/update")) {
            batchUpdate(exchange, body);
        } else {
            error(exchange, 404, "OBJECT_NOT_FOUND", "No route for " + path);
        }
    }

    private void search(HttpExchange exchange, JsonNode body) throws IOException {
        JsonNode groups = body.path("filterGroups");
        int limit = body.path("limit").asInt(10);
        int after = body.path("after").asInt(0);
        if (groups.size() > 5 || body.path("sorts").size() > 1 || limit > 200) {
            error(exchange, 400, "VALIDATION_ERROR", "at most 5 filter groups, 1 sort and a limit of 200");
            return;
        }
        if (after + limit > maxSearchResults) {
            error(exchange, 400, "VALIDATION_ERROR", "The search API returns at most " + maxSearchResults
                    + " results; page after " + after + " is out of range.");
            return;
        }
        List<Contact> matching = contacts.values().stream().filter(contact -> matches(contact, groups)).toList();
        JsonNode sort = body.path("sorts").path(0);
        String sortBy = sort.path("propertyName").asText("hs_object_id");
        Comparator<Contact> order = (a, b) -> compareKeys(sortKey(a, sortBy), sortKey(b, sortBy));
        // HubSpot promises no order among ties: the fake returns them backwards, so nothing may rely on one.
        order = order.thenComparing(Comparator.comparingLong((Contact contact) -> contact.id).reversed());
        if (sort.path("direction").asText("ASCENDING").equals("DESCENDING")) {
            order = order.reversed();
        }
        List<Contact> sorted = matching.stream().sorted(order).toList();
        ArrayNode results = JSON.createArrayNode();
        List<String> properties = new ArrayList<>(List.of("createdate", "hs_object_id", "lastmodifieddate"));
        body.path("properties").forEach(property -> properties.add(property.asText()));
        sorted.stream().skip(after).limit(limit).forEach(contact -> results.add(object(contact, properties, null)));
        ObjectNode answer = JSON.createObjectNode().put("total", sorted.size());
        answer.set("results", results);
        if (after + limit < sorted.size()) {
            answer.putObject("paging").putObject("next").put("after", Integer.toString(after + limit));
        }
        send(exchange, 200, answer);
    }

    private void batchRead(HttpExchange exchange, JsonNode body) throws IOException {
        JsonNode inputs = body.path("inputs");
        String idProperty = body.path("idProperty").asText("hs_object_id");
        if (inputs.size() > 100) {
            error(exchange, 400, "VALIDATION_ERROR", "Batch input exceeds the limit of 100.");
            return;
        }
        if (!idProperty.equals("hs_object_id") && !UNIQUE_PROPERTIES.contains(idProperty)) {
            error(exchange, 400, "VALIDATION_ERROR", "Unable to perform read by non-unique property " + idProperty);
            return;
        }
        List<String> properties = new ArrayList<>();
        body.path("properties").forEach(property -> properties.add(property.asText()));
        List<String> withHistory = new ArrayList<>();
        body.path("propertiesWithHistory").forEach(property -> withHistory.add(property.asText()));
        ArrayNode results = JSON.createArrayNode();
        List<String> missing = new ArrayList<>();
        for (JsonNode input : inputs) {
            String key = input.path("id").asText();
            contacts.values().stream().filter(contact -> key.equals(contact.value(idProperty))).findFirst()
                    .ifPresentOrElse(contact -> results.add(object(contact, properties, withHistory)),
                            () -> missing.add(key));
        }
        ObjectNode answer = JSON.createObjectNode().put("status", "COMPLETE");
        answer.set("results", results);
        if (!missing.isEmpty()) {
            answer.put("numErrors", 1);
            ObjectNode error = answer.putArray("errors").addObject().put("status", "error")
                    .put("category", "OBJECT_NOT_FOUND")
                    .put("message", "Could not get some CONTACT objects, they may be deleted or not exist.");
            missing.forEach(error.putObject("context").putArray("ids")::add);
        }
        send(exchange, missing.isEmpty() ? 200 : 207, answer);
    }

    private void batchUpdate(HttpExchange exchange, JsonNode body) throws IOException {
        JsonNode inputs = body.path("inputs");
        Set<String> ids = new HashSet<>();
        inputs.forEach(input -> ids.add(input.path("id").asText()));
        if (inputs.size() > 100 || ids.size() < inputs.size()) {
            error(exchange, 400, "VALIDATION_ERROR", "Batch input must hold at most 100 distinct ids; got "
                    + inputs.size() + " inputs for " + ids.size() + " ids.");
            return;
        }
        for (JsonNode input : inputs) {
            String stage = input.path("properties").path("lifecyclestage").asText("");
            if (!stage.isEmpty() && !LIFECYCLE_ORDER.contains(stage)) {
                error(exchange, 400, "VALIDATION_ERROR", "Property values were not valid: " + stage
                        + " was not one of the allowed options for lifecyclestage");
                return;
            }
        }
        ArrayNode results = JSON.createArrayNode();
        List<String> missing = new ArrayList<>();
        Instant now = stamp();
        for (JsonNode input : inputs) {
            Contact contact = contacts.get(parseId(input.path("id").asText()));
            if (contact == null) {
                missing.add(input.path("id").asText());
                continue;
            }
            input.path("properties").fields().forEachRemaining(field -> {
                if (!field.getKey().equals("lifecyclestage") || movesForwardOrClears(contact, field.getValue()
                        .asText())) {
                    set(contact, field.getKey(), field.getValue().asText(), now);
                }
            });
            List<String> written = new ArrayList<>();
            input.path("properties").fieldNames().forEachRemaining(written::add);
            results.add(object(contact, written, null));
        }
        ObjectNode answer = JSON.createObjectNode().put("status", "COMPLETE");
        answer.set("results", results);
        if (!missing.isEmpty()) {
            ObjectNode error = answer.putArray("errors").addObject().put("status", "error")
                    .put("category", "OBJECT_NOT_FOUND").put("message", "Could not update some CONTACT objects.");
            missing.forEach(error.putObject("context").putArray("ids")::add);
        }
        send(exchange, missing.isEmpty() ? 200 : 207, answer);
    }

    /** HubSpot ignores a lifecycle stage earlier than the current one unless the property was cleared first. */
    private static boolean movesForwardOrClears(Contact contact, String stage) {
        String current = contact.value("lifecyclestage");
        return stage.isEmpty() || current == null || current.isEmpty()
                || LIFECYCLE_ORDER.indexOf(stage) >= LIFECYCLE_ORDER.indexOf(current);
    }

    private void set(Contact contact, String property, String value, Instant at) {
        if (value.equals(contact.value(property))) {
            return;
        }
        ObjectNode version = JSON.createObjectNode().put("value", value).put("timestamp", at.toString())
                .put("sourceType", "API").put("sourceId", "fake");
        contact.history.computeIfAbsent(property, name -> new ArrayList<>()).add(0, version);
        contact.modified = at.isAfter(contact.modified) ? at : contact.modified;
    }

    /** Now, one millisecond after the last stamp at least, so that each write has its own instant. */
    private Instant stamp() {
        lastStamp = Math.max(System.currentTimeMillis(), lastStamp + 1);
        return Instant.ofEpochMilli(lastStamp);
    }

    private static boolean matches(Contact contact, JsonNode groups) {
        if (groups.isEmpty()) {
            return true;
        }
        for (JsonNode group : groups) {
            boolean all = true;
            for (JsonNode filter : group.path("filters")) {
                all &= test(filter).test(contact);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static Predicate<Contact> test(JsonNode filter) {
        String property = filter.path("propertyName").asText();
        String value = filter.path("value").asText();
        return contact -> {
            Comparable<?> actual = sortKey(contact, property);
            if (actual == null) {
                return false;
            }
            int compared = compare(actual, property, value);
            return switch (filter.path("operator").asText()) {
                case "EQ" -> compared == 0;
                case "NEQ" -> compared != 0;
                case "GT" -> compared > 0;
                case "GTE" -> compared >= 0;
                case "LT" -> compared < 0;
                case "LTE" -> compared <= 0;
                default -> throw new IllegalArgumentException("operator " + filter.path("operator"));
            };
        };
    }

    private static int compare(Comparable<?> actual, String property, String value) {
        return compareKeys(actual, actual instanceof Long ? Long.parseLong(value) : value);
    }

    /** Orders two keys of one property; contacts without a value come last. */
    @SuppressWarnings("unchecked")
    private static int compareKeys(Comparable<?> a, Comparable<?> b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        return ((Comparable<Object>) a).compareTo(b);
    }

    /** Dates and ids compare as numbers (epoch milliseconds for dates), other properties as text. */
    private static Comparable<?> sortKey(Contact contact, String property) {
        String value = contact.value(property);
        if (value == null) {
            return null;
        }
        return switch (property) {
            case "hs_object_id" -> contact.id;
            case "lastmodifieddate", "createdate" -> Instant.parse(value).toEpochMilli();
            default -> value;
        };
    }

    private static ObjectNode object(Contact contact, List<String> properties, List<String> withHistory) {
        ObjectNode object = JSON.createObjectNode().put("id", Long.toString(contact.id));
        ObjectNode values = object.putObject("properties");
        for (String property : properties) {
            values.put(property, contact.value(property));
        }
        if (withHistory != null && !withHistory.isEmpty()) {
            ObjectNode history = object.putObject("propertiesWithHistory");
            for (String property : withHistory) {
                history.putArray(property).addAll(contact.history.getOrDefault(property, List.of()));
            }
        }
        object.put("createdAt", contact.createdAt.toString()).put("updatedAt", contact.modified.toString())
                .put("archived", false);
        return object;
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static ObjectNode errorBody(String category, String message) {
        return JSON.createObjectNode().put("status", "error").put("message", message)
                .put("correlationId", UUID.randomUUID().toString()).put("category", category);
    }

    private static void error(HttpExchange exchange, int status, String category, String message)
            throws IOException {
        send(exchange, status, errorBody(category, message));
    }

}
