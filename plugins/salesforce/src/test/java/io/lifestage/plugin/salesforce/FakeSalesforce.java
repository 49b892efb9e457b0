package io.lifestage.plugin.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.lifestage.crm.FakeCrmServer;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Salesforce org on loopback, as its REST API documents it: the OAuth 2.0 client credentials token endpoint,
 * sessions that expire ({@code 401 INVALID_SESSION_ID}), SOQL queries (the WHERE clauses the connector writes:
 * comparisons, IN, AND, OR, parentheses; ORDER BY) answered in batches linked by {@code nextRecordsUrl}, and the
 * sObject Collections update of at most 200 records with {@code allOrNone=false} and per-record errors. Every update
 * stamps {@code SystemModstamp} and {@code LastModifiedDate} (to the second, as Salesforce does) and makes the
 * integration user the last modifier. 429 or 503 with {@code Retry-After} on demand.
 */
final class FakeSalesforce extends FakeCrmServer {

    static final String CLIENT_ID = "3MVG9-test-consumer-key";
    static final String CLIENT_SECRET = "test-consumer-s3cret";
    static final String INTEGRATION_USER = "005000000000INT";
    private static final String ADMIN_USER = "005000000000ADM";
    private static final String DATA = "/services/data/v62.0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);
    private static final Pattern QUERY = Pattern.compile(
            "SELECT (.+?) FROM (\\w+)(?: WHERE (.+?))?(?: ORDER BY (.+?))?", Pattern.DOTALL);
    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(\\(|\\)|,|<=|>=|!=|=|<|>|'(?:[^'\\\\]|\\\\.)*'|[\\w.:+-]+)");

    private final Map<String, Map<String, Map<String, String>>> objects = new TreeMap<>();
    private final Map<String, List<ObjectNode>> cursors = new HashMap<>();
    private final Set<String> sessions = new HashSet<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> picklist = new HashSet<>();
    private int nextId = 1;
    private int batchSize = 2000;
    private int refusedRequests;
    private int refusedStatus;

    /** An org without records, on a free loopback port; registered as an extension, it stops after each test. */
    FakeSalesforce() {
        objects.put("Contact", new TreeMap<>());
        objects.put("Lead", new TreeMap<>());
    }

    /** Adds a record an administrator last modified at {@code at}; returns its Id. */
    synchronized String add(String object, Map<String, String> fields, Instant at) {
        String id = (object.equals("Lead") ? "00Q" : "003") + "%012d".formatted(nextId++);
        Map<String, String> record = new LinkedHashMap<>(fields);
        record.put("Id", id);
        record.put("SystemModstamp", DATE_TIME.format(at));
        record.put("LastModifiedDate", DATE_TIME.format(at));
        record.put("LastModifiedById", ADMIN_USER);
        objects.get(object).put(id, record);
        return id;
    }

    /** A field's current value, or null. */
    synchronized String value(String object, String id, String field) {
        return objects.get(object).get(id).get(field);
    }

    /** The Ids of the object's records. */
    synchronized List<String> ids(String object) {
        return List.copyOf(objects.get(object).keySet());
    }

    /** Changes a field now, as a user in Salesforce would. */
    synchronized void edit(String object, String id, String field, String value) {
        Map<String, String> record = objects.get(object).get(id);
        record.put(field, value);
        stamp(record, ADMIN_USER);
    }

    /** Makes the stage field a restricted picklist of these values. */
    synchronized void restrictStages(Set<String> values) {
        picklist.addAll(values);
    }

    /** Answers queries in batches of this many records. */
    synchronized void batchesOf(int records) {
        batchSize = records;
    }

    /** Ends every session: the next call with an old token gets 401 INVALID_SESSION_ID. */
    synchronized void expireSessions() {
        sessions.clear();
    }

    /** The next {@code count} data requests are answered {@code status} (429 or 503) with {@code Retry-After: 1}. */
    synchronized void refuseNext(int count, int status) {
        refusedRequests = count;
        refusedStatus = status;
    }

    /** Each request as {@code METHOD path}. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(exchange.getRequestMethod() + " " + path);
        if (path.equals("/services/oauth2/token")) {
            token(exchange, body);
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !sessions.contains(authorization.substring("Bearer ".length()))) {
            error(exchange, 401, "INVALID_SESSION_ID", "Session expired or invalid");
        } else if (refusedRequests > 0) {
            refusedRequests--;
            exchange.getResponseHeaders().add("Retry-After", "1");
            error(exchange, refusedStatus, refusedStatus == 429 ? "REQUEST_LIMIT_EXCEEDED" : "SERVER_UNAVAILABLE",
                    "Try again later.");
        } else if (path.equals(DATA + "/query")) {
            query(exchange, URLDecoder.decode(exchange.getRequestURI().getRawQuery().substring(2),
                    StandardCharsets.UTF_8));
        } else if (path.startsWith(DATA + "/query/")) {
            send(exchange, 200, batch(path.substring(path.lastIndexOf('/') + 1)));
        } else if (path.equals(DATA + "/composite/sobjects") && exchange.getRequestMethod().equals("PATCH")) {
            update(exchange, JSON.readTree(body));
        } else {
            error(exchange, 404, "NOT_FOUND", "The requested resource does not exist");
        }
    }

    private void token(HttpExchange exchange, String form) throws IOException {
        Map<String, String> fields = new HashMap<>();
        for (String pair : form.split("&")) {
            String[] parts = pair.split("=", 2);
            fields.put(parts[0], URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8));
        }
        if (!"client_credentials".equals(fields.get("grant_type")) || !CLIENT_ID.equals(fields.get("client_id"))
                || !CLIENT_SECRET.equals(fields.get("client_secret"))) {
            send(exchange, 400, JSON.createObjectNode().put("error", "invalid_client")
                    .put("error_description", "invalid client credentials"));
            return;
        }
        String token = "00D000000000001!" + sessions.size() + "-" + System.nanoTime();
        sessions.add(token);
        send(exchange, 200, JSON.createObjectNode().put("access_token", token).put("instance_url", url())
                .put("id", url() + "/id/00D000000000001/" + INTEGRATION_USER).put("token_type", "Bearer")
                .put("issued_at", Long.toString(System.currentTimeMillis())).put("signature", "fake"));
    }

    private void query(HttpExchange exchange, String soql) throws IOException {
        Matcher matcher = QUERY.matcher(soql.trim());
        if (!matcher.matches() || !objects.containsKey(matcher.group(2))) {
            error(exchange, 400, matcher.matches() ? "INVALID_TYPE" : "MALFORMED_QUERY", "cannot run: " + soql);
            return;
        }
        List<String> fields = List.of(matcher.group(1).split("\\s*,\\s*"));
        Predicate<Map<String, String>> where = matcher.group(3) == null ? record -> true
                : new Where(tokens(matcher.group(3))).expression();
        Comparator<Map<String, String>> order = (a, b) -> 0;
        if (matcher.group(4) != null) {
            for (String field : matcher.group(4).split("\\s*,\\s*")) {
                order = order.thenComparing(record -> key(field, record.get(field)),
                        Comparator.nullsLast(Comparator.naturalOrder()));
            }
        }
        List<ObjectNode> records = new ArrayList<>();
        String object = matcher.group(2);
        objects.get(object).values().stream().filter(where).sorted(order).forEach(record -> {
            ObjectNode node = JSON.createObjectNode();
            node.putObject("attributes").put("type", object).put("url", DATA + "/sobjects/" + object + "/"
                    + record.get("Id"));
            fields.forEach(field -> node.put(field, record.get(field)));
            records.add(node);
        });
        String locator = "01gFAKE" + cursors.size();
        cursors.put(locator, records);
        send(exchange, 200, batch(locator + "-0"));
    }

    private ObjectNode batch(String locatorAndOffset) {
        String locator = locatorAndOffset.substring(0, locatorAndOffset.indexOf('-'));
        int offset = Integer.parseInt(locatorAndOffset.substring(locatorAndOffset.indexOf('-') + 1));
        List<ObjectNode> records = cursors.get(locator);
        int end = Math.min(records.size(), offset + batchSize);
        ObjectNode answer = JSON.createObjectNode().put("totalSize", records.size()).put("done", end == records.size());
        if (end < records.size()) {
            answer.put("nextRecordsUrl", DATA + "/query/" + locator + "-" + end);
        }
        answer.putArray("records").addAll(records.subList(offset, end));
        return answer;
    }

    private void update(HttpExchange exchange, JsonNode body) throws IOException {
        JsonNode records = body.path("records");
        if (records.size() > 200) {
            error(exchange, 400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records"
                    + " into this call");
            return;
        }
        ArrayNode results = JSON.createArrayNode();
        for (JsonNode input : records) {
            String id = input.path("id").asText();
            Map<String, String> record = objects.getOrDefault(input.path("attributes").path("type").asText(),
                    Map.of()).get(id);
            ObjectNode result = results.addObject().put("id", id);
            String stage = input.path("Lifecycle_Stage__c").asText(null);
            if (record == null) {
                failure(result, "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", List.of());
            } else if (stage != null && !picklist.isEmpty() && !picklist.contains(stage)) {
                failure(result, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "Lifecycle Stage: bad value for restricted"
                        + " picklist field: " + stage, List.of("Lifecycle_Stage__c"));
            } else {
                input.fields().forEachRemaining(field -> {
                    if (!field.getKey().equals("attributes") && !field.getKey().equals("id")) {
                        record.put(field.getKey(), field.getValue().asText());
                    }
                });
                stamp(record, INTEGRATION_USER);
                result.put("success", true).putArray("errors");
            }
        }
        send(exchange, 200, results);
    }

    private static void failure(ObjectNode result, String code, String message, List<String> fields) {
        ObjectNode error = result.put("success", false).putArray("errors").addObject().put("statusCode", code)
                .put("message", message);
        fields.forEach(error.putArray("fields")::add);
    }

    private static void stamp(Map<String, String> record, String user) {
        String now = DATE_TIME.format(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        record.put("SystemModstamp", now);
        record.put("LastModifiedDate", now);
        record.put("LastModifiedById", user);
    }

    /** Date-times compare as instants (to the second, ISO-8601 text sorts so), other fields as text. */
    private static String key(String field, String value) {
        if (value == null) {
            return null;
        }
        return field.equals("SystemModstamp") || field.equals("LastModifiedDate")
                ? Soql.instant(value, field).toString() : value;
    }

    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text);
        int at = 0;
        while (at < text.trim().length() && matcher.find(at) && matcher.start() == at) {
            tokens.add(matcher.group(1));
            at = matcher.end();
        }
        return tokens;
    }

    /** A recursive-descent reading of a WHERE clause: OR of ANDs of comparisons, IN lists and parentheses. */
    private static final class Where {
        private final List<String> tokens;
        private int next;

        Where(List<String> tokens) {
            this.tokens = tokens;
        }

        Predicate<Map<String, String>> expression() {
            return joined("OR", this::conjunction, Predicate::or);
        }

        private Predicate<Map<String, String>> conjunction() {
            return joined("AND", this::condition, Predicate::and);
        }

        /** One or more operands with the keyword between them, combined from left to right. */
        private Predicate<Map<String, String>> joined(String keyword, Supplier<Predicate<Map<String, String>>> operand,
                                                      BinaryOperator<Predicate<Map<String, String>>> combine) {
            Predicate<Map<String, String>> joined = operand.get();
            while (next < tokens.size() && tokens.get(next).equalsIgnoreCase(keyword)) {
                next++;
                joined = combine.apply(joined, operand.get());
            }
            return joined;
        }

        private Predicate<Map<String, String>> condition() {
            if (tokens.get(next).equals("(")) {
                next++;
                Predicate<Map<String, String>> inner = expression();
                next++;
                return inner;
            }
            String field = tokens.get(next++);
            String operator = tokens.get(next++);
            if (operator.equalsIgnoreCase("IN")) {
                Set<String> values = new HashSet<>();
                for (next++; !tokens.get(next).equals(")"); next++) {
                    if (!tokens.get(next).equals(",")) {
                        values.add(unquote(tokens.get(next)));
                    }
                }
                next++;
                return record -> values.contains(record.get(field));
            }
            String literal = unquote(tokens.get(next++));
            return record -> {
                String actual = key(field, record.get(field));
                if (actual == null) {
                    return false;
                }
                int compared = actual.compareTo(key(field, literal));
                return switch (operator) {
                    case "=" -> compared == 0;
                    case "!=" -> compared != 0;
                    case "<" -> compared < 0;
                    case ">" -> compared > 0;
                    case "<=" -> compared <= 0;
                    default -> compared >= 0;
                };
            };
        }

        private static String unquote(String token) {
            return token.startsWith("'") ? token.substring(1, token.length() - 1).replaceAll("\\\\(.)", "$1")
                    : token;
        }
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        ArrayNode errors = JSON.createArrayNode();
        errors.addObject().put("message", message).put("errorCode", code);
        send(exchange, status, errors);
    }

}
