package io.lifestage.plugin.jdbc;

import static io.lifestage.testkit.TestRecords.decision;
import static io.lifestage.testkit.TestRecords.move;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lifestage.api.ActionFired;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Sink;
import io.lifestage.testkit.TestContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the jdbc sink stores current stages, transitions and actions, on H2. */
class JdbcSinkTest extends JdbcConnectorTest {

    private static final Instant OCTOBER = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant NOVEMBER = Instant.parse("2026-11-01T00:00:00Z");
    private static final ActionFired REMINDER = new ActionFired("a1", "c1", "abandoned-cart-email",
            "email:abandoned-cart", Instant.parse("2026-10-01T10:00:00.123456Z"), "journey:abandoned-cart",
            payload());

    @Test
    void writesRowsThatPlainSqlReadsUnderTheConfiguredTableNames() throws Exception {
        Sink sink = sink("decisions-table", "stages", "transitions-table", "moves");
        sink.writeDecisions(List.of(decision("c1", "loyalty", NOVEMBER)));
        sink.writeTransitions(List.of(move("c1", null, "loyalty", NOVEMBER, List.of("vip-welcome", "survey"),
                Transition.Policy.KEPT_AGAINST_POLICY)));
        sink.flush();

        assertThat(db.query("SELECT customer_id, stage, as_of FROM stages",
                row -> row.getString(1) + " " + row.getString(2) + " " + row.getObject(3,
                        OffsetDateTime.class).toInstant()))
                .containsExactly("c1 loyalty 2026-11-01T00:00:00Z");
        assertThat(db.query("SELECT id, from_stage, to_stage, actions, policy FROM moves",
                row -> String.join(" ", row.getString(1), String.valueOf(row.getString(2)), row.getString(3),
                        row.getString(4), row.getString(5))))
                .containsExactly("c1:loyalty null loyalty vip-welcome,survey kept_against_policy");
    }

    @Test
    void aNewerDecisionReplacesTheStoredOneAndALateOlderOneDoesNot() throws Exception {
        Sink sink = sink();
        sink.writeDecisions(List.of(decision("c1", "conversion", OCTOBER)));
        sink.flush();
        sink.writeDecisions(List.of(decision("c1", "loyalty", NOVEMBER)));
        sink.flush();
        sink.writeDecisions(List.of(decision("c1", "conversion", OCTOBER)));
        sink.flush();

        assertThat(SinkTables.decisions(db, "lifestage_decisions"))
                .containsExactly(decision("c1", "loyalty", NOVEMBER));
    }

    @Test
    void keepsTheFirstStoredTransitionOfAnId() throws Exception {
        Transition first = move("c1", "retention", "loyalty", NOVEMBER);
        Sink sink = sink();
        sink.writeTransitions(List.of(first));
        sink.flush();
        Sink nextRun = sink();
        nextRun.writeTransitions(List.of(new Transition(first.id(), "c1", "retention", "loyalty", NOVEMBER, "other",
                "another reason", "v2", List.of(), Transition.Policy.ALLOWED)));
        nextRun.flush();

        assertThat(SinkTables.transitions(db, "lifestage_transitions")).containsExactly(first);
    }

    @Test
    void storesNothingOthersCanSeeUntilFlush() throws Exception {
        Sink sink = sink();
        sink.writeDecisions(List.of(decision("c1", "awareness", NOVEMBER), decision("c2", "churn", NOVEMBER)));
        sink.writeTransitions(List.of(move("c1", null, "awareness", NOVEMBER)));

        assertThat(SinkTables.decisions(db, "lifestage_decisions")).isEmpty();
        assertThat(SinkTables.transitions(db, "lifestage_transitions")).isEmpty();
        sink.flush();
        assertThat(SinkTables.decisions(db, "lifestage_decisions")).hasSize(2);
        assertThat(SinkTables.transitions(db, "lifestage_transitions")).hasSize(1);
    }

    @Test
    void aFlushThatFailedWritesTheWholeBatchWhenCalledAgain() throws Exception {
        Sink sink = sink();
        sink.writeDecisions(List.of(decision("c1", "awareness", NOVEMBER)));
        sink.writeTransitions(List.of(move("c1", null, "awareness", NOVEMBER)));
        db.execute("DROP TABLE lifestage_transitions");

        ConnectorException failure = catchThrowableOfType(ConnectorException.class, sink::flush);
        assertThat(failure.getMessage()).startsWith("writing 1 decisions, 1 transitions and 0 actions at ");
        assertThat(SinkTables.decisions(db, "lifestage_decisions")).as("decisions of the failed transaction").isEmpty();

        sink("write", "transitions").close();  // a new sink creates the table again
        sink.flush();
        assertThat(SinkTables.decisions(db, "lifestage_decisions")).hasSize(1);
        assertThat(SinkTables.transitions(db, "lifestage_transitions")).hasSize(1);
    }

    @Test
    void writesOnlyDecisionsWhenAskedAndCreatesNoTransitionsTable() throws Exception {
        Sink sink = sink("write", "decisions");
        sink.writeDecisions(List.of(decision("c1", "awareness", NOVEMBER)));
        sink.writeTransitions(List.of(move("c1", null, "awareness", NOVEMBER)));
        sink.flush();

        assertThat(SinkTables.decisions(db, "lifestage_decisions")).hasSize(1);
        assertThat(tables()).containsExactly("lifestage_decisions");
    }

    @Test
    void writesActionsWithTheirPayloadAsJsonUnderTheConfiguredTableName() throws Exception {
        Sink sink = sink("actions-table", "journey_actions");
        sink.writeActions(List.of(REMINDER, new ActionFired("a2", "c2", "survey", null, NOVEMBER,
                "transition:c2:loyalty", Map.of())));
        sink.flush();

        assertThat(db.query("SELECT id, customer_id, action, channel, due_at, cause, payload FROM journey_actions"
                        + " ORDER BY id", JdbcSinkTest::actionRow))
                .containsExactly("a1 c1 abandoned-cart-email email:abandoned-cart 2026-10-01T10:00:00.123456Z"
                                + " journey:abandoned-cart {\"traits\":{\"email\":\"ann@example.com\",\"name\":null},"
                                + "\"metrics\":{\"purchases\":4,\"lifetime_value\":80.5},\"event\":{\"properties\":"
                                + "{\"products\":[\"sku-1\",\"sku-7\"]}}}",
                        "a2 c2 survey null 2026-11-01T00:00:00Z transition:c2:loyalty {}");
    }

    @Test
    void storesAnActionOnceWhenTheSameSinkOrTheNextRunWritesItAgain() throws Exception {
        Sink sink = sink("actions-table", "lifestage_actions");
        sink.writeActions(List.of(REMINDER, REMINDER));
        sink.flush();
        sink.writeActions(List.of(REMINDER));
        sink.flush();
        Sink nextRun = sink("actions-table", "lifestage_actions");
        nextRun.writeActions(List.of(new ActionFired(REMINDER.id(), "c1", "abandoned-cart-email", "email:other",
                NOVEMBER, "journey:abandoned-cart", Map.of())));
        nextRun.flush();

        assertThat(db.query("SELECT id, customer_id, action, channel, due_at, cause, payload FROM lifestage_actions",
                JdbcSinkTest::actionRow)).singleElement().asString().startsWith("a1 c1 abandoned-cart-email"
                + " email:abandoned-cart 2026-10-01T10:00:00.123456Z");
    }

    @Test
    void writesNoActionsAndCreatesNoActionsTableWhenActionsTableIsUnset() throws Exception {
        Sink sink = sink();
        sink.writeActions(List.of(REMINDER));
        sink.writeDecisions(List.of(decision("c1", "awareness", NOVEMBER)));
        sink.flush();

        assertThat(tables()).containsExactlyInAnyOrder("lifestage_decisions", "lifestage_transitions");
    }

    @Test
    void rejectsTheRowsTheDatabaseRefusesAndCommitsTheOthers() throws Exception {
        db.execute("CREATE TABLE short_actions (id VARCHAR(40) PRIMARY KEY, customer_id VARCHAR NOT NULL,"
                + " action VARCHAR(12) NOT NULL, channel VARCHAR, due_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                + " cause VARCHAR NOT NULL, payload VARCHAR NOT NULL)");
        TestContext context = context("actions-table", "short_actions");
        Sink sink = start(context);
        ActionFired survey = new ActionFired("a2", "c2", "survey", "email:survey", NOVEMBER, "journey:survey",
                Map.of());
        sink.writeActions(List.of(REMINDER, survey));
        sink.writeTransitions(List.of(move("c1", null, "awareness", NOVEMBER)));
        sink.flush();

        assertThat(db.query("SELECT id FROM short_actions", row -> row.getString(1))).containsExactly("a2");
        assertThat(SinkTables.transitions(db, "lifestage_transitions")).hasSize(1);
        assertThat(context.rejects()).singleElement().satisfies(rejection -> {
            assertThat(rejection.source()).isEqualTo(context.name());
            assertThat(rejection.position()).isEqualTo("action a1");
            assertThat(rejection.reason()).startsWith("the database refused the row: ").endsWith("(SQL state 22001)");
            assertThat(rejection.record()).startsWith("{\"id\":\"a1\",\"customerId\":\"c1\",");
        });
        sink.flush();
        assertThat(context.rejects()).as("a rejected row leaves the buffer").hasSize(1);
    }

    @Test
    void failsToStartOnATableNameThatIsNotOne() {
        assertThat(startFailure("decisions-table", "stages; DROP TABLE x"))
                .contains("setting 'decisions-table' must be a table name");
    }

    @Test
    void failsToStartNamingATableItMayNotCreateAndCannotRead() {
        assertThat(startFailure("create-tables", "false"))
                .contains("table lifestage_decisions cannot be read (setting 'create-tables' is false)");
    }

    private List<String> tables() throws Exception {
        return db.query("SELECT table_name FROM information_schema.tables WHERE LOWER(table_name) LIKE 'lifestage%'",
                row -> row.getString(1).toLowerCase());
    }

    private Sink sink(String... settings) {
        return start(context(settings));
    }

    private TestContext context(String... settings) {
        Map<String, String> values = new HashMap<>(db.settings());
        for (int i = 0; i < settings.length; i += 2) {
            values.put(settings[i], settings[i + 1]);
        }
        return TestContext.forSink(new JdbcConnectorProvider()).with(values).build();
    }

    private Sink start(TestContext context) {
        Sink sink = closedAfterTheTest(new JdbcConnectorProvider().sink().orElseThrow().newInstance());
        sink.start(context);
        return sink;
    }

    private String startFailure(String... settings) {
        return failedStart(() -> sink(settings), List.of(settings));
    }

    private static String actionRow(ResultSet row) throws SQLException {
        return String.join(" ", row.getString(1), row.getString(2), row.getString(3), String.valueOf(row.getString(4)),
                row.getObject(5, OffsetDateTime.class).toInstant().toString(), row.getString(6), row.getString(7));
    }

    /** What a cart reminder carries, in the pack's order, with a trait never given, numbers and a list. */
    private static Map<String, Object> payload() {
        Map<String, Object> traits = new LinkedHashMap<>();
        traits.put("email", "ann@example.com");
        traits.put("name", null);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("purchases", 4);
        metrics.put("lifetime_value", 80.5);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("traits", traits);
        payload.put("metrics", metrics);
        payload.put("event", Map.of("properties", Map.of("products", List.of("sku-1", "sku-7"))));
        return payload;
    }
}
