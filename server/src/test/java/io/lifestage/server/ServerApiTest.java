package io.lifestage.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.engine.store.StageStore;
import io.lifestage.engine.store.TestStores;
import io.lifestage.testing.StoreContents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint of a real server on loopback, over the default rule pack and an H2 file store. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerApiTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String WRITE_ONLY = "collector-token-0123456789";

    @TempDir
    static Path dir;

    private LifestageServer server;
    private Http writer;
    private Http reader;
    private Http anonymous;

    @BeforeAll
    void start() {
        server = TestServers.startOnDefaultPack(dir, Map.of(
                "lifestage.server.max-request-bytes", "20000",
                "lifestage.server.max-batch-size", "50",
                "lifestage.server.keys", "ingest,dashboard,collector",
                "lifestage.host.suppress-erased", "true",
                "lifestage.server.key.collector.token", WRITE_ONLY,
                "lifestage.server.key.collector.scopes", "write",
                "lifestage.metrics.attributes.channel", "first-touch:context.campaign.source"));
        anonymous = Http.to(server.port());
        writer = anonymous.bearer(TestServers.WRITER);
        reader = anonymous.bearer(TestServers.READER);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static String call(String type, String user, String event, int daysAgo) {
        String name = event == null ? "" : ",\"event\":\"" + event + "\"";
        return "{\"type\":\"" + type + "\",\"userId\":\"" + user + "\"" + name + ",\"timestamp\":\""
                + NOW.minus(Duration.ofDays(daysAgo)) + "\",\"properties\":{\"total\":30}}";
    }

    private void evaluated() throws InterruptedException {
        assertThat(server.lifestage().awaitEvaluated(Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void aBatchIsStoredAndTheCustomerStageHistoryAndExplanationAreServed() throws Exception {
        Http.Answer ingest = writer.post("/v1/batch", "{\"batch\":[" + call("page", "ada", null, 3) + ","
                + call("track", "ada", "Order Completed", 2) + "]}");
        evaluated();

        assertThat(ingest.status()).isEqualTo(200);
        assertThat(ingest.json().get("stored").asInt()).isEqualTo(2);
        JsonNode stage = reader.get("/v1/customers/ada").json();
        assertThat(stage.get("stage").asText()).isEqualTo("conversion");
        assertThat(stage.get("rule").asText()).isEqualTo("conversion-first-purchase");
        assertThat(stage.get("since").asText()).isEqualTo(NOW.minus(Duration.ofDays(2)).toString());
        // one order of 30, two days ago: revenue 30 a year (the estimate's least) for 3 years (clv-years)
        JsonNode metrics = stage.get("metrics");
        assertThat(metrics.get("orders").asInt()).isEqualTo(1);
        assertThat(metrics.get("revenue").asDouble()).isEqualTo(30.0);
        assertThat(metrics.get("averageOrderValue").asDouble()).isEqualTo(30.0);
        assertThat(metrics.get("lifetimeValue").asDouble()).isEqualTo(90.0);
        assertThat(metrics.get("valueTier").asText()).isEqualTo("small");
        assertThat(metrics.get("recency").asInt()).isBetween(1, 5);
        JsonNode history = reader.get("/v1/customers/ada/history").json().get("transitions");
        assertThat(history).extracting(t -> t.get("from").asText() + "->" + t.get("to").asText())
                .containsExactly("null->awareness", "awareness->conversion");
        JsonNode explanation = reader.get("/v1/customers/ada/explanation").json();
        assertThat(explanation.get("stage").asText()).isEqualTo("conversion");
        assertThat(explanation.get("matches").get(0).get("decided").asBoolean()).isTrue();
        assertThat(explanation.get("inputs").size()).isPositive();
    }

    @Test
    void aCustomersActionsAreListedOldestFirstWithThoseHeldOutOfAndWithoutTheirPayload() throws Exception {
        // the default pack holds 10 % out of the abandoned-cart email: "cy" is in that group, "ivy" is not
        writer.post("/v1/batch", "{\"batch\":[" + call("track", "ivy", "Signed Up", 2) + ","
                + call("track", "ivy", "Checkout Started", 1) + "," + call("track", "cy", "Signed Up", 2) + ","
                + call("track", "cy", "Checkout Started", 1) + "]}");
        evaluated();

        JsonNode treated = reader.get("/v1/customers/ivy/actions").json();
        JsonNode heldOut = reader.get("/v1/customers/cy/actions").json().get("actions");

        assertThat(treated.get("customerId").asText()).isEqualTo("ivy");
        assertThat(treated.get("actions")).extracting(a -> a.get("action").asText() + " " + a.get("channel").asText()
                        + " " + a.get("at").asText() + " " + a.get("cause").asText() + " " + a.get("heldOut").asText())
                .containsExactly(
                        "welcome-email email:welcome " + NOW.minus(Duration.ofDays(2)) + " journey:welcome false",
                        "abandoned-cart-email email:abandoned-cart " + NOW.minus(Duration.ofDays(1)).plus(
                                Duration.ofHours(1)) + " journey:abandoned-cart false");
        assertThat(treated.get("actions")).allSatisfy(action -> {
            assertThat(action.get("id").asText()).isNotBlank();
            assertThat(action.has("payload")).as("payload of %s", action).isFalse();
        });
        assertThat(heldOut).extracting(a -> a.get("action").asText() + " " + a.get("heldOut").asBoolean())
                .containsExactly("welcome-email false", "abandoned-cart-email true");
        assertThat(assertError(reader.get("/v1/customers/nobody-77/actions"), 404, "not_found").get("message")
                .asText()).contains("nobody-77");
    }

    @Test
    void segmentClientPathsAcceptCallsWithoutATypeAndBasicAuthWithTheWriteKey() throws Exception {
        Http segment = anonymous.basic(TestServers.WRITER);
        String at = NOW.minus(Duration.ofDays(1)).toString();

        assertThat(segment.post("/v1/track", "{\"userId\":\"bea\",\"event\":\"Signed Up\",\"timestamp\":\"" + at
                + "\"}").status()).isEqualTo(200);
        assertThat(segment.post("/v1/page", "{\"anonymousId\":\"a-bea\",\"timestamp\":\"" + at + "\"}").status())
                .isEqualTo(200);
        assertThat(segment.post("/v1/screen", "{\"userId\":\"bea\",\"timestamp\":\"" + at + "\"}").status())
                .isEqualTo(200);
        assertThat(segment.post("/v1/identify", "{\"userId\":\"bea\",\"anonymousId\":\"a-bea\",\"timestamp\":\""
                + at + "\"}").status()).isEqualTo(200);
        assertThat(segment.post("/v1/events", call("track", "bea", "Trial Started", 1)).json().get("stored").asInt())
                .isEqualTo(1);
        evaluated();

        assertThat(reader.get("/v1/customers/bea").json().get("stage").asText()).isEqualTo("consideration");
    }

    @Test
    void aBatchReportsEachRefusedCallWithItsIndexAndStoresTheRest() {
        JsonNode answer = writer.post("/v1/batch", "{\"batch\":[" + call("track", "cal", "Signed Up", 1) + ","
                + "{\"type\":\"track\",\"userId\":\"cal\",\"event\":\"X\",\"timestamp\":\"yesterday\"},"
                + "{\"type\":\"alias\",\"userId\":\"cal\",\"timestamp\":\"" + NOW + "\"}, 7]}").json();

        assertThat(answer.get("received").asInt()).isEqualTo(4);
        assertThat(answer.get("stored").asInt()).isEqualTo(1);
        assertThat(answer.get("rejected").asInt()).isEqualTo(3);
        assertThat(answer.get("errors")).extracting(e -> e.get("index").asInt() + " " + e.get("message").asText())
                .containsExactly(
                        "1 bad timestamp 'yesterday': expected ISO-8601 with Z or an offset, e.g. 2026-03-01T10:00:00Z",
                        "2 call type 'alias' is not supported (track, page, screen, identify)",
                        "3 a call must be a JSON object");
    }

    @Test
    void aBatchRefusesByIndexEveryValueTheStoreCannotHoldAndStoresTheRest() {
        String longId = "x".repeat(256);
        JsonNode answer = writer.post("/v1/batch", "{\"batch\":[" + call("track", longId, "Signed Up", 1) + ","
                + call("track", "cat", "Signed Up", 1).replace("cat\"", "cat\",\"anonymousId\":\"" + longId + "\"")
                + "," + call("track", "cat", "e".repeat(256), 1) + ","
                + "{\"type\":\"page\",\"userId\":\"cat\",\"timestamp\":\"+999999999-12-31T23:59:59Z\"},"
                + call("track", "cat\\ud800", "Signed Up", 1) + ","
                + call("track", "cat", "Signed Up", 1) + "]}").json();

        assertThat(answer.get("stored").asInt()).as(answer.toString()).isEqualTo(1);
        assertThat(answer.get("errors")).extracting(e -> e.get("index").asInt() + " " + e.get("message").asText())
                .containsExactly(
                        "0 'userId' is 256 characters long; at most 255 are accepted",
                        "1 'anonymousId' is 256 characters long; at most 255 are accepted",
                        "2 'event' is 256 characters long; at most 255 are accepted",
                        "3 timestamp '+999999999-12-31T23:59:59Z' is outside the years 0001 to 9999",
                        "4 'userId' holds a lone UTF-16 surrogate, which cannot be stored");
    }

    @Test
    void callsWithAMessageIdAreDuplicatesByThatIdAndCallsWithoutOneByTheirContent() {
        String order = call("track", "max", "Order Completed", 1);
        String first = order.replace("{\"type\"", "{\"messageId\":\"m-1\",\"type\"");
        String second = order.replace("{\"type\"", "{\"messageId\":\"m-2\",\"type\"");
        String changedResend = first.replace("\"total\":30", "\"total\":31");

        JsonNode twoOrders = writer.post("/v1/batch", "{\"batch\":[" + first + "," + second + "]}").json();
        JsonNode resend = writer.post("/v1/batch", "{\"batch\":[" + changedResend + "]}").json();
        JsonNode sameContentTwice = writer.post("/v1/batch", "{\"batch\":[" + call("track", "max", "Signed Up", 1)
                + "," + call("track", "max", "Signed Up", 1) + "]}").json();

        assertThat(twoOrders.get("stored").asInt()).isEqualTo(2);
        assertThat(resend.get("stored").asInt()).isZero();
        assertThat(resend.get("duplicates").asInt()).isEqualTo(1);
        assertThat(sameContentTwice.get("stored").asInt()).isEqualTo(1);
    }

    @Test
    void gzippedBodiesAreInflatedWithinTheSizeLimit() {
        Http.Answer zipped = writer.postGzipped("/v1/batch", ("{\"batch\":[" + call("track", "zed", "Signed Up", 1)
                + "]}").getBytes(StandardCharsets.UTF_8));
        Http.Answer bomb = writer.postGzipped("/v1/batch", new byte[10_000_000]);

        assertThat(zipped.status()).as(zipped.body()).isEqualTo(200);
        assertThat(zipped.json().get("stored").asInt()).isEqualTo(1);
        assertError(bomb, 413, "request_too_large");
    }

    @Test
    void theWriteKeyMayComeInTheBodyAsSegmentsHttpApiTakesIt() {
        Http.Answer keyed = anonymous.post("/v1/batch", "{\"writeKey\":\"" + TestServers.WRITER + "\",\"batch\":["
                + call("track", "kay", "Signed Up", 1) + "]}");
        Http.Answer readKey = anonymous.post("/v1/batch", "{\"writeKey\":\"" + TestServers.READER + "\",\"batch\":[]}");

        assertThat(keyed.status()).as(keyed.body()).isEqualTo(200);
        assertThat(keyed.json().get("stored").asInt()).isEqualTo(1);
        assertError(readKey, 403, "forbidden");
    }

    @Test
    void aCallWithoutATimestampHappenedWhenTheServerReceivedIt() throws Exception {
        long before = System.currentTimeMillis();
        Http.Answer answer = writer.post("/v1/track", "{\"userId\":\"tess\",\"event\":\"Signed Up\"}");
        long after = System.currentTimeMillis();

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("stored").asInt()).isEqualTo(1);
        try (StageStore store = TestStores.open("jdbc:h2:file:" + dir.resolve("store"))) {
            List<Fact> facts = new ArrayList<>();
            store.facts(List.of("tess"), facts::addAll);
            assertThat(facts).singleElement().satisfies(fact ->
                    assertThat(((Event) fact).timestamp().toEpochMilli()).isBetween(before, after));
        }
    }

    @Test
    void classifyAnswersDecisionsWithReasonsAndStoresNothing() {
        Http.Answer answer = reader.post("/v1/classify", "{\"asOf\":\"2026-11-01\",\"events\":["
                + "{\"type\":\"track\",\"userId\":\"dee\",\"event\":\"Order Completed\",\"timestamp\":"
                + "\"2026-10-20T10:00:00Z\",\"properties\":{\"total\":40}}]}");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode decision = answer.json().get("decisions").get(0);
        assertThat(decision.get("customerId").asText()).isEqualTo("dee");
        assertThat(decision.get("stage").asText()).isEqualTo("conversion");
        assertThat(decision.get("reason").asText()).contains("11 days ago");
        assertThat(answer.json().get("asOf").asText()).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(reader.get("/v1/customers/dee").status()).isEqualTo(404);
    }

    @Test
    void stagesAreCountedAndTheirCustomersPagedById() throws Exception {
        StringBuilder batch = new StringBuilder("{\"batch\":[");
        for (int i = 1; i <= 5; i++) {
            batch.append(i > 1 ? "," : "").append(call("track", "page-" + i, "Order Completed", 400 + i))
                    .append(',').append(call("track", "page-" + i, "Subscription Cancelled", 300));
        }
        writer.post("/v1/batch", batch.append("]}").toString());
        evaluated();

        JsonNode first = reader.get("/v1/stages/churn/customers?limit=3").json();
        JsonNode second = reader.get("/v1/stages/churn/customers?limit=3&after=" + first.get("next").asText()).json();
        JsonNode counts = reader.get("/v1/stages").json();

        assertThat(first.get("customers")).extracting(c -> c.get("customerId").asText())
                .containsExactly("page-1", "page-2", "page-3");
        assertThat(second.get("customers")).extracting(c -> c.get("customerId").asText())
                .containsExactly("page-4", "page-5");
        assertThat(second.get("next").isNull()).isTrue();
        assertThat(counts.get("stages")).extracting(s -> s.get("name").asText()).containsExactly("awareness",
                "consideration", "conversion", "retention", "loyalty", "churn");
        assertThat(counts.get("stages").get(5).get("customers").asLong()).isGreaterThanOrEqualTo(5);

        JsonNode byRevenue = reader.get("/v1/stages/churn/customers?limit=2&sort=revenue").json();
        assertThat(byRevenue.get("sort").asText()).isEqualTo("revenue");
        assertThat(byRevenue.get("customers")).hasSize(2).allSatisfy(customer -> {
            assertThat(customer.get("metrics").get("revenue").asDouble()).isGreaterThanOrEqualTo(30);
            assertThat(customer.get("metrics").get("orders").asInt()).isPositive();
        });
        assertThat(byRevenue.get("customers").get(0).get("metrics").get("revenue").asDouble())
                .isGreaterThanOrEqualTo(byRevenue.get("customers").get(1).get("metrics").get("revenue").asDouble());
        // by lifetime value, two pages of two: each customer once, the values never rising
        JsonNode byValue = reader.get("/v1/stages/churn/customers?limit=2&sort=clv").json();
        JsonNode nextByValue = reader.get("/v1/stages/churn/customers?limit=2&sort=clv&page="
                + byValue.get("next").asInt()).json();
        assertThat(byValue.get("page").asInt()).isEqualTo(1);
        assertThat(nextByValue.get("page").asInt()).isEqualTo(2);
        List<JsonNode> ranked = new ArrayList<>();
        byValue.get("customers").forEach(ranked::add);
        nextByValue.get("customers").forEach(ranked::add);
        assertThat(ranked).hasSize(4).extracting(c -> c.get("customerId").asText()).doesNotHaveDuplicates();
        assertThat(ranked).extracting(c -> c.get("metrics").get("lifetimeValue").asDouble())
                .isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(assertError(reader.get("/v1/stages/churn/customers?sort=value"), 400, "invalid_parameter")
                .get("field").asText()).isEqualTo("sort");
        assertThat(assertError(reader.get("/v1/stages/churn/customers?sort=clv&page=0"), 400, "invalid_parameter")
                .get("field").asText()).isEqualTo("page");
        assertThat(assertError(reader.get("/v1/stages/churn/customers?page=2"), 400, "invalid_parameter")
                .get("field").asText()).isEqualTo("page");
        assertThat(assertError(reader.get("/v1/stages/churn/customers?sort=rfm&after=x"), 400, "invalid_parameter")
                .get("field").asText()).isEqualTo("after");
    }

    @Test
    void kpisCountTheSameCustomersPerStageAsTheStagesAndRenderEveryFormat() throws Exception {
        writer.post("/v1/batch", "{\"batch\":[" + call("track", "kpi-1", "Order Completed", 40) + ","
                + call("track", "kpi-2", "Signed Up", 5) + "]}");
        evaluated();

        JsonNode kpis = reader.get("/v1/kpis?every=week").json();
        JsonNode counts = reader.get("/v1/stages").json();
        Http.Answer html = reader.get("/v1/kpis?from=" + NOW.minus(Duration.ofDays(90)) + "&format=html");
        Http.Answer csv = reader.get("/v1/kpis?format=csv");

        JsonNode now = kpis.get("snapshots").get(kpis.get("snapshots").size() - 1);
        assertThat(kpis.get("snapshots")).hasSizeBetween(53, 54);
        assertThat(now.get("total").asLong()).isEqualTo(counts.get("total").asLong()).isPositive();
        counts.get("stages").forEach(stage -> assertThat(now.get("counts").get(stage.get("name").asText()).asLong())
                .as("customers in %s", stage.get("name").asText()).isEqualTo(stage.get("customers").asLong()));
        assertThat(html.header("Content-Type")).startsWith("text/html");
        assertThat(html.body()).contains("<svg");
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body().lines().findFirst().orElseThrow()).isEqualTo(
                "section,from,to,stage,to_stage,measure,value");
    }

    @Test
    void kpisRefuseAnUnknownStepOrFormatAndAnInvertedPeriod() {
        Http.Answer step = reader.get("/v1/kpis?every=fortnight");
        Http.Answer format = reader.get("/v1/kpis?format=pdf");
        Http.Answer inverted = reader.get("/v1/kpis?from=2026-11-01&to=2026-10-01");
        Http.Answer tooMany = reader.get("/v1/kpis?from=2020-01-01&to=2026-01-01&every=day");

        assertThat(List.of(step, format, inverted, tooMany)).extracting(Http.Answer::status)
                .containsOnly(400);
        assertThat(step.json().get("field").asText()).isEqualTo("every");
        assertThat(format.json().get("field").asText()).isEqualTo("format");
        assertThat(inverted.json().get("error").asText()).isEqualTo("invalid_period");
        assertThat(tooMany.json().get("error").asText()).isEqualTo("too_many_snapshots");
    }

    private static double revenue(JsonNode kpis) {
        for (JsonNode kpi : kpis) {
            if (kpi.get("name").asText().equals("revenue")) {
                return kpi.get("value").asDouble();
            }
        }
        throw new AssertionError("no revenue in " + kpis);
    }

    @Test
    void kpisCompareTheRatesOfEachQuarterWithTheQuarterBefore() throws Exception {
        writer.post("/v1/batch", "{\"batch\":[" + call("track", "kpi-q", "Order Completed", 40) + "]}");
        evaluated();

        JsonNode periods = reader.get("/v1/kpis?from=2026-01-01&to=2026-11-01&periods=quarter").json()
                .get("periods");
        JsonNode scorecard = reader.get("/v1/kpis?from=" + NOW.minus(Duration.ofDays(41)) + "&to=" + NOW).json()
                .get("scorecard");
        Http.Answer weekly = reader.get("/v1/kpis?periods=week");
        Http.Answer tooMany = reader.get("/v1/kpis?from=2000-01-01&to=2026-01-01&periods=month");

        assertThat(periods).extracting(period -> period.get("from").asText()).containsExactly(
                "2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z", "2026-07-01T00:00:00Z", "2026-10-01T00:00:00Z");
        assertThat(periods.get(0).get("kpis")).allSatisfy(kpi -> assertThat(kpi.get("change").isNull()).isTrue());
        assertThat(periods.get(1).get("kpis")).extracting(kpi -> kpi.get("name").asText())
                .contains("retention_rate", "lead_conversion_rate", "nps", "renewal_rate", "revenue");
        // kpi-q's order of 30, 40 days before now, is in the revenue of the last 41 days
        assertThat(revenue(scorecard)).isGreaterThanOrEqualTo(30);
        assertError(weekly, 400, "invalid_parameter");
        assertThat(weekly.json().get("field").asText()).isEqualTo("periods");
        assertError(tooMany, 400, "too_many_periods");
    }

    @Test
    void kpisBrokenDownByAChannelCountTheCustomersOfTheTopValueAndOfTheOthers() throws Exception {
        writer.post("/v1/batch", "{\"batch\":[" + fromCampaign("by-1", "ads") + "," + fromCampaign("by-2", "ads")
                + "," + fromCampaign("by-3", "newsletter") + "]}");
        evaluated();

        JsonNode groups = reader.get("/v1/kpis?by=channel&top=1").json().get("groups");
        Http.Answer csv = reader.get("/v1/kpis?by=channel&format=csv");
        Http.Answer undeclared = reader.get("/v1/kpis?by=country");
        Http.Answer noValues = reader.get("/v1/kpis?by=channel&top=0");

        // the other tests' customers came without a campaign: they are the group without a value
        assertThat(groups.get(0).get("value").asText()).isEqualTo("ads");
        assertThat(groups.get(0).get("customers").asLong()).isEqualTo(2);
        assertThat(groups.get(0).get("stages").get("counts").get("awareness").asLong()).isEqualTo(2);
        assertThat(groups.get(1).get("kind").asText()).isEqualTo("OTHER");
        assertThat(groups.get(1).get("customers").asLong()).isEqualTo(1);
        assertThat(groups.get(2).get("kind").asText()).isEqualTo("NONE");
        assertThat(csv.body()).startsWith("attribute,group,from,to,stage,measure,value\n").contains("channel,ads,");
        assertError(undeclared, 400, "unknown_attribute");
        assertThat(undeclared.json().get("field").asText()).isEqualTo("by");
        assertThat(undeclared.json().get("message").asText()).contains("declared: channel");
        assertError(noValues, 400, "invalid_parameter");
        assertThat(noValues.json().get("field").asText()).isEqualTo("top");
    }

    /** A page call a day ago, from a campaign, as analytics.js sends it. */
    private static String fromCampaign(String user, String source) {
        return "{\"type\":\"page\",\"userId\":\"" + user + "\",\"timestamp\":\"" + NOW.minus(Duration.ofDays(1))
                + "\",\"context\":{\"campaign\":{\"source\":\"" + source + "\"},\"userAgent\":\"Mozilla/5.0\"}}";
    }

    @Test
    void kpisOverABillionYearsAreRefusedBeforeAnySnapshotIsListed() {
        Http.Answer billion = reader.get("/v1/kpis?from=-999999999-01-01T00:00:00Z&every=month");
        Http.Answer beyond = reader.get("/v1/kpis?to=+999999999-01-01T00:00:00Z");

        assertError(billion, 400, "bad_timestamp");
        assertThat(billion.json().get("field").asText()).isEqualTo("from");
        assertError(beyond, 400, "bad_timestamp");
        assertError(reader.get("/v1/kpis?from=0001-01-01&to=9999-12-31&every=day"), 400, "too_many_snapshots");
        assertThat(anonymous.get("/health/live").status()).isEqualTo(200);
    }

    @Test
    void rulesNameTheVersionInServiceAndWhenItWasLoaded() {
        JsonNode rules = reader.get("/v1/rules").json();

        assertThat(rules.get("version").asText()).isEqualTo(server.lifestage().rules().version());
        assertThat(Instant.parse(rules.get("loadedAt").asText())).isBefore(Instant.now());
        assertThat(rules.get("lastReloadError").isNull()).isTrue();
    }

    @Test
    void erasureDeletesTheCustomerAndLeavesNoPersonalDataInTheStore() throws Exception {
        writer.post("/v1/batch", "{\"batch\":[{\"type\":\"identify\",\"userId\":\"eli-5521\",\"anonymousId\":"
                + "\"anon-eli-88\",\"timestamp\":\"" + NOW.minus(Duration.ofDays(2)) + "\",\"traits\":{\"email\":"
                + "\"eli@example.org\"}}," + call("track", "eli-5521", "Order Completed", 1) + "]}");
        evaluated();

        Http.Answer erased = writer.delete("/v1/customers/eli-5521");

        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.json().get("erased").asBoolean()).isTrue();
        assertThat(erased.json().get("factsDeleted").asInt()).isEqualTo(2);
        assertThat(reader.get("/v1/customers/eli-5521").status()).isEqualTo(404);
        assertThat(reader.get("/v1/customers/eli-5521/history").status()).isEqualTo(404);
        assertThat(storeText()).doesNotContain("eli-5521", "anon-eli-88", "eli@example.org");
        assertThat(writer.delete("/v1/customers/eli-5521").json().get("erased").asBoolean()).isFalse();
    }

    @Test
    void callsForAnErasedIdAreDroppedWhenSuppressionIsOn() throws Exception {
        writer.post("/v1/batch", "{\"batch\":[" + call("track", "sue-31", "Order Completed", 2) + "]}");
        evaluated();
        writer.delete("/v1/customers/sue-31");

        JsonNode again = writer.post("/v1/batch", "{\"batch\":[" + call("track", "sue-31", "Order Completed", 1) + ","
                + call("track", "sid-32", "Order Completed", 1) + "]}").json();
        evaluated();

        assertThat(again.get("stored").asInt()).isEqualTo(1);
        assertThat(reader.get("/v1/customers/sue-31").status()).isEqualTo(404);
        assertThat(storeText()).doesNotContain("sue-31").contains("sid-32");
    }

    @Test
    void healthAndTheOpenApiDocumentNeedNoKey() throws Exception {
        Http.Answer live = anonymous.get("/health/live");
        Http.Answer ready = anonymous.get("/health/ready");
        Http.Answer openApi = anonymous.get("/openapi");

        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().get("status").asText()).isEqualTo("UP");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("checks")).extracting(c -> c.get("name").asText() + "=" + c.get("status").asText())
                .containsExactly("stage-store=UP", "rule-base=UP", "evaluator=UP");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body()).isEqualTo(Files.readString(Path.of("src/main/resources/openapi.yaml")));
    }

    @Test
    void metricsCountRequestsByRouteAndStatusForAReadKey() {
        reader.get("/v1/customers/nobody");

        Http.Answer metrics = reader.get("/metrics");

        assertThat(anonymous.get("/metrics").status()).isEqualTo(401);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain");
        assertThat(metrics.body())
                .contains("lifestage_http_requests_total{route=\"/v1/customers/{id}\",method=\"GET\",status=\"404\"}")
                .contains("lifestage_http_request_duration_seconds_bucket{route=\"/v1/customers/{id}\"")
                .contains("lifestage_ingest_facts_total{outcome=\"stored\"}")
                .contains("lifestage_evaluator_lag_seconds ")
                .contains("lifestage_customers{stage=\"churn\"}");
    }

    @Test
    void callsWithoutAKeyOrWithAnUnknownOneAre401AndAReadKeyCannotWrite() {
        Http.Answer none = anonymous.get("/v1/stages");
        Http.Answer unknown = anonymous.bearer("not-a-key-at-all-0000").get("/v1/stages");
        Http.Answer readOnWrite = reader.post("/v1/events", call("track", "fay", "Signed Up", 1));
        Http.Answer readOnErase = reader.delete("/v1/customers/fay");

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"lifestage\"");
        assertThat(none.json().get("error").asText()).isEqualTo("unauthorized");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(readOnWrite.status()).isEqualTo(403);
        assertThat(readOnWrite.json().get("message").asText()).contains("'dashboard'", "write scope");
        assertThat(readOnErase.status()).isEqualTo(403);
        assertThat(reader.post("/v1/classify", "{\"events\":[]}").status()).isEqualTo(200);
    }

    @Test
    void malformedOrInvalidRequestsAreRefusedWithACodeAndWhere() {
        assertError(writer.post("/v1/events", "{\"type\":\"track\","), 400, "malformed_json");
        assertError(writer.post("/v1/events", "[1,2]"), 400, "malformed_json");
        assertError(writer.post("/v1/events", "{\"type\":\"track\",\"userId\":\"gil\",\"event\":\"Signed Up\","
                + "\"timestamp\":\"2026-13-45\"}"), 400, "invalid_call");
        assertError(writer.post("/v1/batch", "{\"events\":[]}"), 400, "invalid_batch");
        JsonNode unknownField = assertError(reader.post("/v1/classify", "{\"events\":[],\"rules\":\"rule x\"}"), 400,
                "unknown_field");
        assertThat(unknownField.get("field").asText()).isEqualTo("rules");
        JsonNode badAsOf = assertError(reader.post("/v1/classify", "{\"events\":[],\"asOf\":\"soon\"}"), 400,
                "bad_timestamp");
        assertThat(badAsOf.get("field").asText()).isEqualTo("asOf");
        JsonNode badItem = assertError(reader.post("/v1/classify", "{\"events\":[" + call("track", "gil", "A", 1)
                + ",{\"type\":\"track\"}]}"), 400, "invalid_call");
        assertThat(badItem.get("index").asInt()).isEqualTo(1);
        assertThat(assertError(reader.get("/v1/stages/churn/customers?limit=0"), 400, "invalid_parameter")
                .get("field").asText()).isEqualTo("limit");
        assertError(reader.get("/v1/stages/nirvana/customers"), 404, "not_found");
        assertError(reader.get("/v1/customers/nobody/explanation"), 404, "not_found");
        assertError(reader.get("/v1/nothing-here"), 404, "not_found");
        assertError(reader.get("/v1/events"), 405, "method_not_allowed");
    }

    @Test
    void theScopeOfARouteIsTheSameWithATrailingSlashOrMatrixParameters() {
        Http.Answer slash = anonymous.bearer(WRITE_ONLY).post("/v1/classify/", "{\"events\":[]}");
        Http.Answer matrix = anonymous.bearer(WRITE_ONLY).post("/v1/classify;x=1", "{\"events\":[]}");

        assertError(slash, 403, "forbidden");
        assertError(matrix, 403, "forbidden");
    }

    @Test
    void textAfterTheJsonBodyIsRefused() {
        assertError(writer.post("/v1/track", "{\"userId\":\"ned\",\"event\":\"Signed Up\"} {\"more\":1}"), 400,
                "malformed_json");
        assertError(writer.post("/v1/batch", "{\"batch\":[]}garbage"), 400, "malformed_json");
    }

    @Test
    void oversizeBodiesAndBatchesAre413() {
        String big = "{\"batch\":[" + (call("track", "hal", "Signed Up", 1) + ",").repeat(200) + "1]}";
        StringBuilder many = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < 51; i++) {
            many.append(i > 0 ? "," : "").append("{}");
        }

        assertError(writer.post("/v1/batch", big), 413, "request_too_large");
        assertError(writer.post("/v1/batch", many.append("]}").toString()), 413, "batch_too_large");
        assertError(reader.post("/v1/classify", many.toString().replace("batch", "events")), 413, "batch_too_large");
    }

    private static JsonNode assertError(Http.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        JsonNode body = answer.json();
        assertThat(body.get("error").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
        return body;
    }

    /** Every value of every Lifestage table, as text. */
    private String storeText() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("store"), "sa", "")) {
            return StoreContents.text(connection);
        }
    }
}
