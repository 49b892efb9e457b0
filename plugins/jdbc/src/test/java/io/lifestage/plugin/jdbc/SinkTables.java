package io.lifestage.plugin.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifestage.api.ActionFired;
import io.lifestage.api.Decision;
import io.lifestage.api.Transition;
import io.lifestage.segment.Wire;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Reads the sink's tables back with plain SQL, as a report or a downstream job would. */
final class SinkTables {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SinkTables() {
    }

    static List<Decision> decisions(TestDatabase database, String table) throws SQLException {
        return database.query("SELECT customer_id, stage, rule, reason, as_of, rule_base_version FROM " + table,
                row -> new Decision(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getObject(5, OffsetDateTime.class).toInstant(), row.getString(6)));
    }

    static List<Transition> transitions(TestDatabase database, String table) throws SQLException {
        return database.query("SELECT id, customer_id, from_stage, to_stage, moved_at, rule, reason,"
                        + " rule_base_version, actions, policy FROM " + table,
                row -> new Transition(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getObject(5, OffsetDateTime.class).toInstant(), row.getString(6), row.getString(7),
                        row.getString(8), row.getString(9).isEmpty() ? List.of() : List.of(row.getString(9).split(",")),
                        Wire.policy(row.getString(10))));
    }

    static List<ActionFired> actions(TestDatabase database, String table) throws SQLException {
        return database.query("SELECT id, customer_id, action, channel, due_at, cause, payload FROM " + table,
                row -> new ActionFired(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getObject(5, OffsetDateTime.class).toInstant(), row.getString(6),
                        payload(row.getString(7))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(String json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("payload is not a JSON object: " + json, e);
        }
    }
}
