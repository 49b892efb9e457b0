package io.lifestage.plugin.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifestage.api.CustomerProfile;
import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Rejection;
import io.lifestage.api.spi.Source;
import io.lifestage.testkit.TestContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the jdbc source reads profiles and events from tables and queries, on H2. */
class JdbcSourceTest extends JdbcConnectorTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @BeforeEach
    void createTables() throws Exception {
        db.execute("CREATE TABLE contacts (id VARCHAR(20) PRIMARY KEY, email VARCHAR(100), plan VARCHAR(20),"
                        + " seats INTEGER, mrr NUMERIC(10,2), trial BOOLEAN, signed_up DATE,"
                        + " updated_at TIMESTAMP WITH TIME ZONE NOT NULL)",
                "CREATE TABLE events (id BIGINT PRIMARY KEY, user_id VARCHAR(64), event VARCHAR(100),"
                        + " ts TIMESTAMP WITH TIME ZONE, total NUMERIC(10,2), note VARCHAR(200))",
                "CREATE TABLE raw_events (id BIGINT PRIMARY KEY, type VARCHAR(16), user_id VARCHAR(64),"
                        + " event VARCHAR(100), ts VARCHAR(40), note VARCHAR(200))");
    }

    @Test
    void readsProfilesWithEveryOtherColumnAsATypedTrait() throws Exception {
        contact("c1", "pro", T0);
        db.update("UPDATE contacts SET email = ?, seats = ?, mrr = ?, trial = ?, signed_up = ? WHERE id = 'c1'",
                "ann@example.com", 3, new BigDecimal("49.90"), true, LocalDate.parse("2026-01-15"));

        List<Fact> facts = readAll(source(profiles()));

        assertThat(facts).containsExactly(new CustomerProfile("c1", Map.of("email", "ann@example.com", "plan", "pro",
                "seats", 3L, "mrr", 49.9, "trial", true, "signed_up", "2026-01-15"), T0));
    }

    @Test
    void readsTheRowsOfAConfiguredQuery() throws Exception {
        event(1, "u1", "Page Viewed", T0);
        event(2, "u1", "Order Completed", T0.plusSeconds(60));
        db.update("UPDATE events SET total = 40 WHERE id = 2");

        List<Fact> facts = readAll(source(Map.of("query",
                "SELECT id, user_id, event, ts, total FROM events WHERE event = 'Order Completed';",
                "cursor-column", "id", "time-column", "ts")));

        assertThat(facts).containsExactly(
                Event.track("u1", "Order Completed", T0.plusSeconds(60), Map.of("total", 40.0)));
    }

    @Test
    void makesOnlyTheNamedColumnsProperties() throws Exception {
        event(1, "u1", "Order Completed", T0);
        db.update("UPDATE events SET total = 12.5, note = 'gift' WHERE id = 1");

        List<Fact> facts = readAll(source(events("property-columns", "total")));

        assertThat(facts).containsExactly(Event.track("u1", "Order Completed", T0, Map.of("total", 12.5)));
    }

    @Test
    void takesATimestampWithoutTimeZoneAsUtcAndADateAsItsStart() throws Exception {
        db.execute("CREATE TABLE visits (id BIGINT PRIMARY KEY, user_id VARCHAR(10), event VARCHAR(20),"
                + " local_ts TIMESTAMP, visit_date DATE)");
        db.update("INSERT INTO visits VALUES (1, 'u1', 'Signed Up', ?, ?)", LocalDateTime.parse("2026-03-01T10:00:00"),
                LocalDate.parse("2026-03-02"));

        assertThat(readAll(source(Map.of("table", "visits", "cursor-column", "id", "time-column", "local_ts"))))
                .containsExactly(Event.track("u1", "Signed Up", T0, Map.of("visit_date", "2026-03-02")));
        assertThat(readAll(source(Map.of("table", "visits", "cursor-column", "id", "time-column", "visit_date",
                "property-columns", "")))).containsExactly(
                        Event.track("u1", "Signed Up", Instant.parse("2026-03-02T00:00:00Z"), Map.of()));
    }

    @Test
    void neitherSkipsNorRepeatsRowsThatShareACursorValue() throws Exception {
        List<String> ids = List.of("c1", "c2", "c3", "c4", "c5");
        for (String id : ids) {
            contact(id, "free", T0);
        }
        Map<String, String> settings = profiles("batch-size", "2");
        Source source = source(settings);
        List<String> positions = new ArrayList<>();
        List<Integer> readSoFar = new ArrayList<>();
        List<String> read = new ArrayList<>();
        for (List<Fact> batch = source.poll(); !batch.isEmpty(); batch = source.poll()) {
            batch.forEach(fact -> read.add(fact.customerId()));
            positions.add(source.position());
            readSoFar.add(read.size());
        }

        assertThat(read).containsExactlyElementsOf(ids);
        assertThat(positions).hasSize(3);
        for (int i = 0; i < positions.size(); i++) {
            List<String> rest = readAll(source(settings, positions.get(i))).stream().map(Fact::customerId).toList();
            assertThat(rest).as("after position %s", positions.get(i))
                    .containsExactlyElementsOf(ids.subList(readSoFar.get(i), ids.size()));
        }
    }

    @Test
    void resumesAfterThePositionOfAnEarlierRun() throws Exception {
        for (int id = 1; id <= 4; id++) {
            event(id, "u" + id, "Signed Up", T0.plusSeconds(id));
        }
        Source first = source(events("batch-size", "3"));
        assertThat(first.poll()).hasSize(3);
        String position = first.position();

        List<Fact> rest = readAll(source(events("batch-size", "3"), position));

        assertThat(position).isEqualToIgnoringCase("id=3");
        assertThat(rest).containsExactly(Event.track("u4", "Signed Up", T0.plusSeconds(4), Map.of()));
    }

    @Test
    void followingReturnsRowsAddedAndProfilesUpdatedAfterTheEnd() throws Exception {
        contact("c1", "free", T0);
        contact("c2", "free", T0.plusSeconds(1));
        Source source = source(profiles());
        assertThat(readAll(source)).hasSize(2);

        contact("c3", "free", T0.plusSeconds(2));
        db.update("UPDATE contacts SET plan = 'pro', updated_at = ? WHERE id = 'c1'", T0.plusSeconds(3));

        assertThat(readAll(source)).containsExactly(
                new CustomerProfile("c3", Map.of("plan", "free"), T0.plusSeconds(2)),
                new CustomerProfile("c1", Map.of("plan", "pro"), T0.plusSeconds(3)));
        assertThat(source.poll()).isEmpty();
    }

    @Test
    void rejectsBadRowsWithTheirPositionAndReasonAndReadsOn() throws Exception {
        rawEvent(1, "track", null, "Signed Up", "2026-03-01T10:00:00Z", null);
        rawEvent(2, "track", "u1", "Signed Up", "yesterday", null);
        rawEvent(3, "alias", "u1", "Signed Up", "2026-03-01T10:00:00Z", null);
        rawEvent(4, "track", "u1", null, "2026-03-01T10:00:00Z", null);
        rawEvent(5, "track", "u1", "Signed Up", "2026-03-01T10:00:00Z", "x".repeat(30));
        rawEvent(6, "track", "u1", "Order Completed", "2026-03-01T12:00:00+02:00", "ok");
        TestContext context = context(Map.of("table", "raw_events", "cursor-column", "id", "type-column", "type",
                "time-column", "ts", "batch-size", "2", "max-value-chars", "28"), null);
        Source source = started(context);

        List<Fact> facts = source.poll();

        assertThat(facts).containsExactly(Event.track("u1", "Order Completed", T0, Map.of("note", "ok")));
        assertThat(context.rejects()).extracting(Rejection::source).containsOnly("table raw_events");
        assertThat(context.rejects()).extracting(rejection -> rejection.position().toLowerCase())
                .containsExactly("id=1", "id=2", "id=3", "id=4", "id=5");
        assertThat(context.rejects()).extracting(Rejection::reason).satisfiesExactly(
                reason -> assertThat(reason).startsWith("no customer id: column").containsIgnoringCase("'user_id'"),
                reason -> assertThat(reason).startsWith("bad timestamp 'yesterday' in column")
                        .contains("expected ISO-8601 with Z or an offset"),
                reason -> assertThat(reason).startsWith("unknown call type 'alias' in column")
                        .endsWith("expected track, page, screen or identify"),
                reason -> assertThat(reason).startsWith("no event name: column"),
                reason -> assertThat(reason).containsIgnoringCase("column 'note' holds 30 characters")
                        .contains("'max-value-chars' allows (28)"));
        assertThat(context.rejects().get(0).record()).containsIgnoringCase("user_id=NULL")
                .containsIgnoringCase("event=Signed Up");
        assertThat(source.position()).isEqualToIgnoringCase("id=6");
    }

    @Test
    void failsToStartUnlessExactlyOneOfTableAndQueryIsSet() {
        assertFailsToStart(Map.of("cursor-column", "id"), "set exactly one of the settings 'table' and 'query'");
        assertFailsToStart(Map.of("table", "events", "query", "SELECT * FROM events", "cursor-column", "id"),
                "set exactly one of the settings 'table' and 'query'");
    }

    @Test
    void failsToStartNamingAColumnTheTableDoesNotHaveAndTheColumnsItHas() {
        assertThat(startFailure(profiles("id-column", "customer")))
                .contains("setting 'id-column' names column 'customer', which table contacts does not have")
                .containsIgnoringCase("email, plan");
    }

    @Test
    void failsToStartWhenTheCursorCannotOrderRows() {
        assertFailsToStart(profiles("cursor-column", "trial"), "setting 'cursor-column') cannot order rows");
    }

    @Test
    void failsToStartWhenTheTimeColumnHoldsNoTime() {
        assertFailsToStart(events("time-column", "total"),
                "(setting 'time-column') must hold a timestamp, a date or ISO-8601 text");
    }

    @Test
    void failsToStartOnAPositionOfAnotherCursor() {
        assertThatThrownBy(() -> started(context(profiles(), "id=3")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.retriable()).isFalse())
                .hasMessageContaining("cannot resume from position 'id=3'")
                .hasMessageContaining("were settings 'cursor-column' or 'key-column' changed since the last run?");
    }

    @Test
    void failsToStartOnAPositionWhoseValueIsNotOfTheCursorColumnsType() {
        assertThatThrownBy(() -> started(context(events(), "id=abc")))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("cannot resume from position 'id=abc': 'abc' is not a value of column");
    }

    @Test
    void failsToStartOnAUrlNoDriverTakesWithoutShowingItsParameters() {
        Map<String, String> settings = new HashMap<>(events());
        settings.put("url", "jdbc:nosuch://db.example.com/crm?password=hunter2");

        assertThat(startFailure(settings)).contains("no JDBC driver takes the URL in setting 'url'")
                .contains("jdbc:nosuch://db.example.com/crm").doesNotContain("hunter2");
    }

    private Map<String, String> profiles(String... more) {
        return settings(Map.of("table", "contacts", "kind", "profiles", "cursor-column", "updated_at",
                "key-column", "id"), more);
    }

    private Map<String, String> events(String... more) {
        return settings(Map.of("table", "events", "cursor-column", "id", "time-column", "ts"), more);
    }

    private static Map<String, String> settings(Map<String, String> base, String... more) {
        Map<String, String> settings = new HashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return settings;
    }

    protected TestContext context(Map<String, String> settings, String position) {
        TestContext.Builder builder = TestContext.forSource(new JdbcConnectorProvider()).with(db.settings())
                .with(settings);
        return position == null ? builder.build() : builder.resumingAt(position).build();
    }

    private Source source(Map<String, String> settings) {
        return started(context(settings, null));
    }

    private Source source(Map<String, String> settings, String position) {
        return started(context(settings, position));
    }

    protected Source started(TestContext context) {
        Source source = closedAfterTheTest(new JdbcConnectorProvider().source().orElseThrow().newInstance());
        source.start(context);
        return source;
    }

    private static List<Fact> readAll(Source source) {
        List<Fact> facts = new ArrayList<>();
        for (List<Fact> batch = source.poll(); !batch.isEmpty(); batch = source.poll()) {
            facts.addAll(batch);
        }
        return facts;
    }

    private String startFailure(Map<String, String> settings) {
        return failedStart(() -> source(settings), settings);
    }

    private void assertFailsToStart(Map<String, String> settings, String message) {
        assertThat(startFailure(settings)).contains(message);
    }

    private void contact(String id, String plan, Instant updatedAt) throws Exception {
        db.update("INSERT INTO contacts (id, plan, updated_at) VALUES (?, ?, ?)", id, plan, updatedAt);
    }

    private void event(long id, String userId, String name, Instant at) throws Exception {
        db.update("INSERT INTO events (id, user_id, event, ts) VALUES (?, ?, ?, ?)", id, userId, name, at);
    }

    private void rawEvent(long id, String type, String userId, String name, String ts, String note) throws Exception {
        db.update("INSERT INTO raw_events (id, type, user_id, event, ts, note) VALUES (?, ?, ?, ?, ?, ?)", id, type,
                userId, name, ts, note);
    }
}
