package io.lifestage.plugin.http;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifestage.api.Fact;
import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Rejection;
import io.lifestage.api.spi.Source;
import io.lifestage.segment.SegmentCall;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads Segment-style calls from a JSON API, one page per {@link #poll}: by cursor (the answer names the next
 * cursor), by page number (until an empty page), or in one request. A record that is not a usable call is rejected
 * with its page and index, and reading goes on.
 *
 * <p>At the end of the input the source remembers the last page that had records and how many it returned; the
 * next poll asks for that page again and returns only what was added to it, then goes on if the answer now points
 * further. So a following run sees new records without reading old ones again, and a batch run ends with one such
 * request that returns nothing. {@link #position()} names the page to ask for next and how many of its records
 * were returned already, so a resumed source repeats nothing.
 */
final class RestSource implements Source {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RECORD_CHARS = 1_000;

    private enum Paging { CURSOR, PAGE, NONE }

    /**
     * A page to ask for, and how many of its records were returned already.
     *
     * @param token the cursor or the page number; null for the first cursor page and when there is no paging
     * @param seen  records at the start of the page to skip
     */
    private record Request(String token, int seen) {
    }

    private ConnectorContext context;
    private URI url;
    private Paging paging;
    private JsonPointer records;
    private JsonPointer cursorField;
    private String cursorParam;
    private String pageParam;
    private Optional<String> pageSizeParam;
    private Optional<String> pageSize;
    private RetryingClient client;
    private Request next;
    private Request lastFilled;

    @Override
    public void start(ConnectorContext context) {
        this.context = context;
        this.url = Settings.url(context);
        this.paging = Paging.valueOf(context.requiredSetting(HttpConnectorProvider.PAGING)
                .toUpperCase(Locale.ROOT));
        this.records = pointer(HttpConnectorProvider.RECORDS);
        this.cursorField = pointer(HttpConnectorProvider.CURSOR_FIELD);
        this.cursorParam = context.requiredSetting(HttpConnectorProvider.CURSOR_PARAM);
        this.pageParam = context.requiredSetting(HttpConnectorProvider.PAGE_PARAM);
        this.pageSizeParam = context.nonBlankSetting(HttpConnectorProvider.PAGE_SIZE_PARAM);
        this.pageSize = context.nonBlankSetting(HttpConnectorProvider.PAGE_SIZE);
        if (pageSizeParam.isPresent() != pageSize.isPresent()) {
            throw ConnectorException.fatal("settings '" + HttpConnectorProvider.PAGE_SIZE_PARAM.name() + "' and '"
                    + HttpConnectorProvider.PAGE_SIZE.name() + "' go together: set both or none");
        }
        this.client = new RetryingClient(context);
        this.next = resumeFrom(context.resumePosition().orElse(""));
    }

    @Override
    public List<Fact> poll() {
        List<Fact> facts = new ArrayList<>();
        while (true) {
            Request current = next;
            JsonNode response = fetch(current);
            JsonNode found = response.at(records);
            if (!found.isArray()) {
                throw ConnectorException.fatal(describe(current) + ": the answer has no array at '" + records
                        + "'; set 'records' to the JSON pointer of the records array");
            }
            for (int i = current.seen(); i < found.size(); i++) {
                read(found.get(i), current, i, facts);
            }
            next = following(current, response, found.size());
            boolean newPage = next.seen() == 0 && !next.equals(current);
            if (!facts.isEmpty() || !newPage) {
                return facts;
            }
        }
    }

    private void read(JsonNode record, Request page, int index, List<Fact> facts) {
        String text = record.toString();
        SegmentCall.Parsed parsed = SegmentCall.parse(text);
        if (parsed.event() != null) {
            facts.add(parsed.event());
            return;
        }
        String shortened = text.length() > MAX_RECORD_CHARS ? text.substring(0, MAX_RECORD_CHARS) : text;
        context.reject(new Rejection(context.name(), where(page) + " " + records + "/" + index,
                parsed.rejection(), shortened));
    }

    private Request following(Request current, JsonNode response, int count) {
        return switch (paging) {
            case CURSOR -> {
                JsonNode cursor = response.at(cursorField);
                boolean more = cursor.isValueNode() && !cursor.isNull() && !cursor.asText().isBlank()
                        && !cursor.asText().equals(current.token());
                yield more ? new Request(cursor.asText(), 0) : new Request(current.token(), count);
            }
            case PAGE -> {
                if (count > 0) {
                    lastFilled = new Request(current.token(), count);
                    yield new Request(String.valueOf(Long.parseLong(current.token()) + 1), 0);
                }
                yield lastFilled != null ? lastFilled : current;
            }
            case NONE -> new Request(null, count);
        };
    }

    private JsonNode fetch(Request request) {
        URI uri = withQuery(request);
        HttpResponse<String> response = client.send(
                () -> HttpRequest.newBuilder(uri).GET().header("Accept", "application/json"), describe(request));
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            String answer = Settings.excerpt(response.body(), 200);
            throw ConnectorException.fatal(describe(request) + " answered HTTP " + status
                    + (answer.isEmpty() ? "" : " (" + answer + ")") + "; "
                    + "check setting '" + (status == 401 || status == 403 ? HttpConnectorProvider.BEARER_TOKEN
                            : HttpConnectorProvider.URL).name() + "'");
        }
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw ConnectorException.fatal(describe(request) + ": the answer is not valid JSON: "
                    + e.getOriginalMessage());
        }
    }

    private URI withQuery(Request request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (paging == Paging.CURSOR && request.token() != null) {
            parameters.put(cursorParam, request.token());
        } else if (paging == Paging.PAGE) {
            parameters.put(pageParam, request.token());
            pageSize.ifPresent(size -> parameters.put(pageSizeParam.orElseThrow(), size));
        }
        if (parameters.isEmpty()) {
            return url;
        }
        String query = parameters.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create(url + (url.getRawQuery() == null ? "?" : "&") + query);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /**
     * The page to ask for next and how many of its records were returned already: {@code cursor X},
     * {@code page N}, {@code first page}, each followed by {@code after K} when K of its records were read; empty
     * before the first page.
     */
    @Override
    public String position() {
        boolean firstPage = next.token() == null || paging == Paging.PAGE && next.token().equals("1");
        if (firstPage && next.seen() == 0) {
            return "";
        }
        String page = next.token() == null ? "first page"
                : (paging == Paging.CURSOR ? "cursor " : "page ") + next.token();
        return next.seen() == 0 ? page : page + " after " + next.seen();
    }

    private Request resumeFrom(String position) {
        Matcher after = Pattern.compile("(.*) after ([0-9]{1,9})").matcher(position);
        String page = after.matches() ? after.group(1) : position;
        int seen = after.matches() ? Integer.parseInt(after.group(2)) : 0;
        if (page.isEmpty() || page.equals("first page")) {
            return new Request(paging == Paging.PAGE ? "1" : null, seen);
        }
        if (paging == Paging.CURSOR && page.startsWith("cursor ")) {
            return new Request(page.substring("cursor ".length()), seen);
        }
        if (paging == Paging.PAGE && page.matches("page [1-9][0-9]{0,17}")) {
            return new Request(page.substring("page ".length()), seen);
        }
        String expected = switch (paging) {
            case CURSOR -> "'cursor X' or 'first page', optionally followed by ' after K'";
            case PAGE -> "'page N', optionally followed by ' after K'";
            case NONE -> "'first page after K' or an empty position";
        };
        throw ConnectorException.fatal("cannot resume from position '" + position + "': with paging="
                + paging.name().toLowerCase(Locale.ROOT) + " expected " + expected
                + "; was the setting '" + HttpConnectorProvider.PAGING.name() + "' changed since the last run?");
    }

    private String where(Request request) {
        return switch (paging) {
            case CURSOR -> request.token() == null ? "first page" : "cursor " + request.token();
            case PAGE -> "page " + request.token();
            case NONE -> "response";
        };
    }

    private String describe(Request request) {
        return "GET " + Settings.shown(url) + " (" + where(request) + ")";
    }

    private JsonPointer pointer(ConfigKey key) {
        String value = context.requiredSetting(key);
        try {
            return JsonPointer.compile(value);
        } catch (IllegalArgumentException e) {
            throw ConnectorException.fatal("setting '" + key.name() + "' must be a JSON pointer such as /data, got '"
                    + value + "'");
        }
    }

    @Override
    public void close() {
        next = null;
    }
}
