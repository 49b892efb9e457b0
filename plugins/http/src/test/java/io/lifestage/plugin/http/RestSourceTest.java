package io.lifestage.plugin.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Source;
import io.lifestage.testkit.ClosedAfterEach;
import io.lifestage.testkit.TestContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Segment-style records in from a paged JSON API on loopback: by cursor, by page number, resumed, followed. */
class RestSourceTest {

    @RegisterExtension
    static final WireMockExtension api = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    final ClosedAfterEach opened = new ClosedAfterEach();

    private TestContext context;
    private Source source;

    private static String call(String userId) {
        return "{\"type\":\"track\",\"userId\":\"" + userId + "\",\"event\":\"Order Completed\","
                + "\"timestamp\":\"2026-05-01T10:00:00Z\",\"properties\":{\"total\":42.5}}";
    }

    private static String page(String nextCursor, String... records) {
        return "{\"data\":[" + String.join(",", records) + "],\"next_cursor\":"
                + (nextCursor == null ? "null" : "\"" + nextCursor + "\"") + "}";
    }

    private static MappingBuilder cursor(String value) {
        return get(urlPathEqualTo("/events")).withQueryParam("cursor", value == null ? absent() : equalTo(value));
    }

    private Source started(Map<String, String> extra, String resumePosition) {
        Map<String, String> settings = new HashMap<>(Map.of("url", api.baseUrl() + "/events",
                "backoff-initial", "1ms", "backoff-max", "5ms"));
        settings.putAll(extra);
        context = TestContext.forSource(new HttpConnectorProvider()).named("test").with(settings)
                .resumingAt(resumePosition).build();
        source = opened.add(context.startedSource());
        return source;
    }

    /** Polls until an empty batch, as a batch run does. */
    private static List<String> readAll(Source source) {
        List<String> customers = new ArrayList<>();
        for (List<Fact> batch = source.poll(); !batch.isEmpty(); batch = source.poll()) {
            batch.forEach(fact -> customers.add(fact.customerId()));
        }
        return customers;
    }

    private static List<String> requested() {
        return api.findAll(getRequestedFor(urlPathEqualTo("/events"))).stream()
                .map(LoggedRequest::getUrl).toList();
    }

    @Test
    void readsEveryPageByCursorOnePagePerPoll() {
        api.stubFor(cursor(null).willReturn(okJson(page("c2", call("u1"), call("u2")))));
        api.stubFor(cursor("c2").willReturn(okJson(page(null, call("u3")))));
        Source source = started(Map.of(), null);

        assertThat(source.poll()).extracting(Fact::customerId).containsExactly("u1", "u2");
        assertThat(source.position()).isEqualTo("cursor c2");
        assertThat(source.poll()).singleElement().isInstanceOfSatisfying(Event.class, event -> {
            assertThat(event.name()).isEqualTo("Order Completed");
            assertThat(event.number("total")).isEqualTo(42.5);
        });
        assertThat(source.poll()).isEmpty();
        assertThat(source.position()).isEqualTo("cursor c2 after 1");
        assertThat(requested()).containsExactly("/events", "/events?cursor=c2", "/events?cursor=c2");
    }

    @Test
    void returnsOnlyWhatWasAddedToTheLastPageWhenPolledAgainAfterTheEnd() {
        api.stubFor(cursor(null).willReturn(okJson(page("c2", call("u1")))));
        api.stubFor(cursor("c2").willReturn(okJson(page(null, call("u2")))));
        Source source = started(Map.of(), null);
        assertThat(readAll(source)).containsExactly("u1", "u2");

        api.stubFor(cursor("c2").willReturn(okJson(page("c3", call("u2"), call("u3")))));
        api.stubFor(cursor("c3").willReturn(okJson(page(null, call("u4")))));

        assertThat(readAll(source)).containsExactly("u3", "u4");
    }

    @Test
    void readsPagesByNumberUntilAnEmptyPageThenWhatTheLastPageGained() {
        MappingBuilder pages = get(urlPathEqualTo("/events")).withQueryParam("per_page", equalTo("2"));
        api.stubFor(pages.withQueryParam("page", equalTo("1")).willReturn(okJson(page(null, call("u1"), call("u2")))));
        api.stubFor(get(urlPathEqualTo("/events")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson(page(null, call("u3")))));
        api.stubFor(get(urlPathEqualTo("/events")).withQueryParam("page", equalTo("3"))
                .willReturn(okJson(page(null))));
        Source source = started(Map.of("paging", "page", "page-size-param", "per_page", "page-size", "2"), null);

        assertThat(readAll(source)).containsExactly("u1", "u2", "u3");
        assertThat(requested()).containsExactly("/events?page=1&per_page=2", "/events?page=2&per_page=2",
                "/events?page=3&per_page=2");
        assertThat(source.position()).as("the last page with records, which may still grow")
                .isEqualTo("page 2 after 1");

        api.stubFor(get(urlPathEqualTo("/events")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson(page(null, call("u3"), call("u4")))));

        assertThat(readAll(source)).containsExactly("u4");
    }

    @Test
    void readsOneAnswerWithoutPaging() {
        api.stubFor(get("/events?since=2026").willReturn(okJson("{\"result\":{\"calls\":[" + call("u1") + "]}}")));
        Source source = started(Map.of("url", api.baseUrl() + "/events?since=2026", "paging", "none",
                "records", "/result/calls"), null);

        assertThat(readAll(source)).containsExactly("u1");
        assertThat(source.position()).isEqualTo("first page after 1");
    }

    @Test
    void rejectsABadRecordWithItsPageAndIndexAndReadsOn() {
        api.stubFor(cursor(null).willReturn(okJson(page("c2", call("u1")))));
        api.stubFor(cursor("c2").willReturn(okJson(page(null, call("u2"),
                "{\"userId\":\"u9\",\"timestamp\":\"2026-05-01T10:00:00Z\"}", call("u3")))));

        assertThat(readAll(started(Map.of(), null))).containsExactly("u1", "u2", "u3");
        assertThat(context.rejects()).singleElement().satisfies(reject -> {
            assertThat(reject.source()).isEqualTo("test");
            assertThat(reject.position()).isEqualTo("cursor c2 /data/1");
            assertThat(reject.reason()).isEqualTo("no type");
            assertThat(reject.record()).contains("\"u9\"");
        });
    }

    @Test
    void goesOnToTheNextPageWhenEveryRecordOfAPageIsRejected() {
        api.stubFor(cursor(null).willReturn(okJson(page("c2", "{\"type\":\"track\"}", "17"))));
        api.stubFor(cursor("c2").willReturn(okJson(page(null, call("u2")))));
        Source source = started(Map.of(), null);

        assertThat(source.poll()).extracting(Fact::customerId).containsExactly("u2");
        assertThat(context.rejects()).extracting(reject -> reject.position())
                .containsExactly("first page /data/0", "first page /data/1");
    }

    @Test
    void resumesFromTheCommittedPosition() {
        api.stubFor(cursor("c2").willReturn(okJson(page(null, call("u3")))));
        api.stubFor(get(urlPathEqualTo("/events")).withQueryParam("page", equalTo("7"))
                .willReturn(okJson(page(null, call("u7")))));

        assertThat(started(Map.of(), "cursor c2").poll()).extracting(Fact::customerId).containsExactly("u3");
        source.close();
        assertThat(started(Map.of("paging", "page"), "page 7").poll()).extracting(Fact::customerId)
                .containsExactly("u7");
        assertThat(requested()).containsExactly("/events?cursor=c2", "/events?page=7");
    }

    @Test
    void skipsWhatThePositionSaysWasReadOfItsPage() {
        api.stubFor(cursor("c2").willReturn(okJson(page(null, call("u3"), call("u4")))));

        assertThat(readAll(started(Map.of(), "cursor c2 after 1"))).containsExactly("u4");
    }

    @Test
    void refusesAPositionOfAnotherPagingMode() {
        assertThatThrownBy(() -> started(Map.of("paging", "page"), "cursor c2"))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.retriable()).isFalse())
                .hasMessage("cannot resume from position 'cursor c2': with paging=page expected"
                        + " 'page N', optionally followed by ' after K'; was the setting 'paging' changed since the"
                        + " last run?");
    }

    @Test
    void sendsTheBearerToken() {
        api.stubFor(cursor(null).withHeader("Authorization", equalTo("Bearer api-key-1"))
                .willReturn(okJson(page(null, call("u1")))));

        assertThat(started(Map.of("bearer-token", "api-key-1"), null).poll()).hasSize(1);
    }

    @Test
    void retriesWhenRateLimited() {
        api.stubFor(cursor(null).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(status(429).withHeader("Retry-After", "0")).willSetStateTo("open"));
        api.stubFor(cursor(null).inScenario("limited").whenScenarioStateIs("open")
                .willReturn(okJson(page(null, call("u1")))));

        assertThat(started(Map.of(), null).poll()).hasSize(1);
        assertThat(requested()).hasSize(2);
        assertThat(context.logged()).singleElement().asString().contains("(first page): HTTP 429");
    }

    @Test
    void stopsAtOnceOnUnauthorized() {
        api.stubFor(cursor(null).willReturn(status(401).withBody("invalid api key")));

        assertThatThrownBy(() -> started(Map.of("bearer-token", "api-key-1"), null).poll())
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.retriable()).isFalse())
                .hasMessage("GET " + api.baseUrl() + "/events (first page) answered HTTP 401"
                        + " (invalid api key); check setting 'bearer-token'");
        assertThat(requested()).hasSize(1);
    }

    @Test
    void stopsOnAnAnswerThatIsNotJsonNamingTheUrlAndPage() {
        api.stubFor(get(urlPathEqualTo("/events")).willReturn(aResponse().withStatus(200)
                .withBody("<html>maintenance</html>")));

        assertThatThrownBy(() -> started(Map.of("paging", "page"), "page 3").poll())
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.retriable()).isFalse())
                .hasMessageStartingWith("GET " + api.baseUrl()
                        + "/events (page 3): the answer is not valid JSON: Unexpected character ('<'");
    }

    @Test
    void stopsWhenTheRecordsPointerFindsNoArray() {
        api.stubFor(cursor(null).willReturn(okJson("{\"items\":[]}")));

        assertThatThrownBy(() -> started(Map.of(), null).poll())
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.retriable()).isFalse())
                .hasMessageContaining("the answer has no array at '/data'; set 'records'");
    }

    @Test
    void refusesAPageSizeWithoutItsParameter() {
        assertThatThrownBy(() -> started(Map.of("paging", "page", "page-size", "50"), null))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("'page-size-param' and 'page-size' go together");
    }
}
