package io.lifestage.plugin.jdbc;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The SQL of the sink's tables, and the two databases' ways of writing a row only once: PostgreSQL's
 * {@code INSERT … ON CONFLICT}, and on H2 the standard {@code MERGE INTO … USING … WHEN [NOT] MATCHED}. A decision
 * replaces the stored one of its customer unless that one is of a later {@code as_of}, so that a late redelivery of
 * an older decision does not undo a newer one; a transition or an action is inserted when its id is not there yet.
 */
enum Dialect {

    H2, POSTGRESQL;

    /**
     * A column of a sink table.
     *
     * @param name     the column's name
     * @param type     its SQL type, the same on both databases
     * @param nullable whether it may hold NULL
     */
    record Column(String name, String type, boolean nullable) {

        /** A column that is never NULL. */
        Column(String name, String type) {
            this(name, type, false);
        }
    }

    private static final String TEXT = "VARCHAR";
    private static final String INSTANT = "TIMESTAMP WITH TIME ZONE";

    /** The columns of the decisions table, in the order the sink binds them; the first is the key. */
    static final List<Column> DECISION_COLUMNS = List.of(new Column("customer_id", TEXT), new Column("stage", TEXT),
            new Column("rule", TEXT), new Column("reason", TEXT), new Column("as_of", INSTANT),
            new Column("rule_base_version", TEXT));

    /** The columns of the transitions table, in the order the sink binds them; the first is the key. */
    static final List<Column> TRANSITION_COLUMNS = List.of(new Column("id", TEXT), new Column("customer_id", TEXT),
            new Column("from_stage", TEXT, true), new Column("to_stage", TEXT), new Column("moved_at", INSTANT),
            new Column("rule", TEXT), new Column("reason", TEXT), new Column("rule_base_version", TEXT),
            new Column("actions", TEXT), new Column("policy", TEXT));

    /** The columns of the actions table, in the order the sink binds them; the first is the key. */
    static final List<Column> ACTION_COLUMNS = List.of(new Column("id", TEXT), new Column("customer_id", TEXT),
            new Column("action", TEXT), new Column("channel", TEXT, true), new Column("due_at", INSTANT),
            new Column("cause", TEXT), new Column("payload", TEXT));

    /** The dialect of a database, by the product name its driver reports; empty when neither is supported. */
    static Optional<Dialect> of(String productName) {
        return switch (productName) {
            case "H2" -> Optional.of(H2);
            case "PostgreSQL" -> Optional.of(POSTGRESQL);
            default -> Optional.empty();
        };
    }

    /** {@code CREATE TABLE IF NOT EXISTS}, every column NOT NULL unless nullable, the first the key. */
    static String createTable(String table, List<Column> columns) {
        return "CREATE TABLE IF NOT EXISTS " + table + " (" + columns.stream()
                .map(column -> column.name() + " " + column.type() + (column.nullable() ? "" : " NOT NULL"))
                .collect(Collectors.joining(", ")) + ", PRIMARY KEY (" + columns.get(0).name() + "))";
    }

    /** Inserts a decision, or replaces its customer's stored decision unless that one is of a later as_of. */
    String upsertDecision(String table) {
        List<Column> columns = DECISION_COLUMNS;
        return switch (this) {
            case POSTGRESQL -> "INSERT INTO " + table + " AS d (" + names(columns, "") + ") VALUES ("
                    + marks(columns, false) + ") ON CONFLICT (" + columns.get(0).name() + ") DO UPDATE SET "
                    + assignments(columns, "EXCLUDED.") + " WHERE d.as_of <= EXCLUDED.as_of";
            case H2 -> merge(table, columns) + " WHEN MATCHED AND d.as_of <= s.as_of THEN UPDATE SET "
                    + assignments(columns, "s.") + " WHEN NOT MATCHED THEN INSERT (" + names(columns, "")
                    + ") VALUES (" + names(columns, "s.") + ")";
        };
    }

    /** Inserts a row unless one with its key (the first column: a transition's or an action's id) is stored. */
    String insertIfAbsent(String table, List<Column> columns) {
        return switch (this) {
            case POSTGRESQL -> "INSERT INTO " + table + " (" + names(columns, "") + ") VALUES ("
                    + marks(columns, false) + ") ON CONFLICT (" + columns.get(0).name() + ") DO NOTHING";
            case H2 -> merge(table, columns) + " WHEN NOT MATCHED THEN INSERT (" + names(columns, "") + ") VALUES ("
                    + names(columns, "s.") + ")";
        };
    }

    private static String merge(String table, List<Column> columns) {
        String key = columns.get(0).name();
        return "MERGE INTO " + table + " AS d USING (VALUES (" + marks(columns, true) + ")) AS s ("
                + names(columns, "") + ") ON d." + key + " = s." + key;
    }

    /** {@code stage = s.stage, …} for every column but the key. */
    private static String assignments(List<Column> columns, String source) {
        return columns.stream().skip(1).map(column -> column.name() + " = " + source + column.name())
                .collect(Collectors.joining(", "));
    }

    private static String names(List<Column> columns, String prefix) {
        return columns.stream().map(column -> prefix + column.name()).collect(Collectors.joining(", "));
    }

    /** Parameter marks; cast to the column types where the database cannot infer them (a VALUES list). */
    private static String marks(List<Column> columns, boolean cast) {
        return columns.stream().map(column -> cast ? "CAST(? AS " + column.type() + ")" : "?")
                .collect(Collectors.joining(", "));
    }
}
