package io.lifestage.plugin.jdbc;

import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorDescriptor;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import java.util.List;
import java.util.Optional;

/**
 * The {@code jdbc} connector: a source that reads customer profiles or events from a SQL table or query,
 * incrementally by a cursor column, and a sink that upserts current stages and inserts transitions and actions into
 * tables. Works on H2 and PostgreSQL, whose drivers it bundles. Settings are listed in this module's README.
 */
public final class JdbcConnectorProvider implements ConnectorProvider {

    static final String URL = "url";
    static final String USER = "user";
    static final String PASSWORD = "password";
    static final String TABLE = "table";
    static final String QUERY = "query";
    static final String KIND = "kind";
    static final String CURSOR_COLUMN = "cursor-column";
    static final String KEY_COLUMN = "key-column";
    static final String ID_COLUMN = "id-column";
    static final String ANONYMOUS_ID_COLUMN = "anonymous-id-column";
    static final String TYPE_COLUMN = "type-column";
    static final String EVENT_COLUMN = "event-column";
    static final String TIME_COLUMN = "time-column";
    static final String UPDATED_COLUMN = "updated-column";
    static final String PROPERTY_COLUMNS = "property-columns";
    static final String TRAIT_COLUMNS = "trait-columns";
    static final String BATCH_SIZE = "batch-size";
    static final String MAX_VALUE_CHARS = "max-value-chars";
    static final String WRITE = "write";
    static final String DECISIONS_TABLE = "decisions-table";
    static final String TRANSITIONS_TABLE = "transitions-table";
    static final String ACTIONS_TABLE = "actions-table";
    static final String CREATE_TABLES = "create-tables";

    private static final List<ConfigKey> CONNECTION = List.of(
            ConfigKey.required(URL, ConfigKey.Type.STRING,
                    "The JDBC URL of the database, e.g. jdbc:postgresql://db:5432/crm."),
            ConfigKey.optional(USER, ConfigKey.Type.STRING, null, "The database user, unless the URL names one."),
            ConfigKey.optional(PASSWORD, ConfigKey.Type.STRING, null, "The database user's password.").asSecret());

    @Override
    public String type() {
        return "jdbc";
    }

    @Override
    public Optional<ConnectorDescriptor<Source>> source() {
        return Optional.of(new ConnectorDescriptor<Source>(CONNECTION, JdbcSource::new).withKeys(
                ConfigKey.optional(TABLE, ConfigKey.Type.STRING, null,
                        "The table (or view) to read; set this or 'query'."),
                ConfigKey.optional(QUERY, ConfigKey.Type.STRING, null,
                        "A SELECT whose rows to read, instead of 'table'."),
                ConfigKey.choice(KIND, "What a row is: an event, or a customer profile of a CRM.",
                        "events", "profiles"),
                ConfigKey.required(CURSOR_COLUMN, ConfigKey.Type.STRING,
                        "The column rows are read in order of, and resumed after: an updated_at or a serial id."),
                ConfigKey.optional(KEY_COLUMN, ConfigKey.Type.STRING, null,
                        "A unique column that orders rows with equal cursor values; not needed for a unique cursor."),
                ConfigKey.optional(ID_COLUMN, ConfigKey.Type.STRING, null,
                        "The column of the customer id; user_id for events, id for profiles when not set."),
                ConfigKey.optional(ANONYMOUS_ID_COLUMN, ConfigKey.Type.STRING, null,
                        "Events: the column of the anonymous visitor's id, if any."),
                ConfigKey.optional(TYPE_COLUMN, ConfigKey.Type.STRING, null,
                        "Events: the column of the call type (track, page, screen, identify); all track when not set."),
                ConfigKey.optional(EVENT_COLUMN, ConfigKey.Type.STRING, "event",
                        "Events: the column of the event name."),
                ConfigKey.optional(TIME_COLUMN, ConfigKey.Type.STRING, "timestamp",
                        "Events: the column of when the event happened."),
                ConfigKey.optional(UPDATED_COLUMN, ConfigKey.Type.STRING, "updated_at",
                        "Profiles: the column of when the CRM last changed the record."),
                ConfigKey.optional(PROPERTY_COLUMNS, ConfigKey.Type.STRING, "*",
                        "Events: the columns that become properties, comma-separated, or * for all other columns."),
                ConfigKey.optional(TRAIT_COLUMNS, ConfigKey.Type.STRING, null,
                        "The columns that become traits, or * for all other columns; * for profiles, none for events"
                                + " when not set."),
                ConfigKey.optional(BATCH_SIZE, ConfigKey.Type.INTEGER, "500",
                        "Most rows read per query, and per poll.").between(1, Integer.MAX_VALUE),
                ConfigKey.optional(MAX_VALUE_CHARS, ConfigKey.Type.INTEGER, "65536",
                        "Most characters in one value; a longer value rejects its row.")
                        .between(1, Integer.MAX_VALUE)));
    }

    @Override
    public Optional<ConnectorDescriptor<Sink>> sink() {
        return Optional.of(new ConnectorDescriptor<Sink>(CONNECTION, JdbcSink::new).withKeys(
                ConfigKey.choice(WRITE, "What this sink writes.", "both", "decisions", "transitions"),
                ConfigKey.optional(DECISIONS_TABLE, ConfigKey.Type.STRING, "lifestage_decisions",
                        "The table of current stages, one row per customer."),
                ConfigKey.optional(TRANSITIONS_TABLE, ConfigKey.Type.STRING, "lifestage_transitions",
                        "The table of transitions, one row per transition id."),
                ConfigKey.optional(ACTIONS_TABLE, ConfigKey.Type.STRING, null,
                        "The table of the actions due (of journeys and transitions), one row per action id, with"
                                + " their payloads as JSON; unset, actions are not written."),
                ConfigKey.optional(CREATE_TABLES, ConfigKey.Type.BOOLEAN, "true",
                        "Whether to create the tables at start when they do not exist.")));
    }
}
