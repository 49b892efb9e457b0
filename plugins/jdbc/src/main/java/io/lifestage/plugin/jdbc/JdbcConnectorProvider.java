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

    static final ConfigKey URL = ConfigKey.required("url", ConfigKey.Type.STRING,
            "The JDBC URL of the database, e.g. jdbc:postgresql://db:5432/crm.");
    static final ConfigKey USER = ConfigKey.optional("user", ConfigKey.Type.STRING, null,
            "The database user, unless the URL names one.");
    static final ConfigKey PASSWORD = ConfigKey.optional("password", ConfigKey.Type.STRING, null,
            "The database user's password.").asSecret();

    static final ConfigKey TABLE = ConfigKey.optional("table", ConfigKey.Type.STRING, null,
            "The table (or view) to read; set this or 'query'.");
    static final ConfigKey QUERY = ConfigKey.optional("query", ConfigKey.Type.STRING, null,
            "A SELECT whose rows to read, instead of 'table'.");
    static final ConfigKey KIND = ConfigKey.choice("kind", "What a row is: an event, or a customer profile of a CRM.",
            "events", "profiles");
    static final ConfigKey CURSOR_COLUMN = ConfigKey.required("cursor-column", ConfigKey.Type.STRING,
            "The column rows are read in order of, and resumed after: an updated_at or a serial id.");
    static final ConfigKey KEY_COLUMN = ConfigKey.optional("key-column", ConfigKey.Type.STRING, null,
            "A unique column that orders rows with equal cursor values; not needed for a unique cursor.");
    static final ConfigKey ID_COLUMN = ConfigKey.optional("id-column", ConfigKey.Type.STRING, null,
            "The column of the customer id; user_id for events, id for profiles when not set.");
    static final ConfigKey ANONYMOUS_ID_COLUMN = ConfigKey.optional("anonymous-id-column", ConfigKey.Type.STRING,
            null, "Events: the column of the anonymous visitor's id, if any.");
    static final ConfigKey TYPE_COLUMN = ConfigKey.optional("type-column", ConfigKey.Type.STRING, null,
            "Events: the column of the call type (track, page, screen, identify); all track when not set.");
    static final ConfigKey EVENT_COLUMN = ConfigKey.optional("event-column", ConfigKey.Type.STRING, "event",
            "Events: the column of the event name.");
    static final ConfigKey TIME_COLUMN = ConfigKey.optional("time-column", ConfigKey.Type.STRING, "timestamp",
            "Events: the column of when the event happened.");
    static final ConfigKey UPDATED_COLUMN = ConfigKey.optional("updated-column", ConfigKey.Type.STRING, "updated_at",
            "Profiles: the column of when the CRM last changed the record.");
    static final ConfigKey PROPERTY_COLUMNS = ConfigKey.optional("property-columns", ConfigKey.Type.STRING, "*",
            "Events: the columns that become properties, comma-separated, or * for all other columns.");
    static final ConfigKey TRAIT_COLUMNS = ConfigKey.optional("trait-columns", ConfigKey.Type.STRING, null,
            "The columns that become traits, or * for all other columns; * for profiles, none for events when not"
                    + " set.");
    static final ConfigKey BATCH_SIZE = ConfigKey.optional("batch-size", ConfigKey.Type.INTEGER, "500",
            "Most rows read per query, and per poll.").between(1, Integer.MAX_VALUE);
    static final ConfigKey MAX_VALUE_CHARS = ConfigKey.optional("max-value-chars", ConfigKey.Type.INTEGER, "65536",
            "Most characters in one value; a longer value rejects its row.").between(1, Integer.MAX_VALUE);

    static final ConfigKey WRITE = ConfigKey.choice("write", "What this sink writes.",
            "both", "decisions", "transitions");
    static final ConfigKey DECISIONS_TABLE = ConfigKey.optional("decisions-table", ConfigKey.Type.STRING,
            "lifestage_decisions", "The table of current stages, one row per customer.");
    static final ConfigKey TRANSITIONS_TABLE = ConfigKey.optional("transitions-table", ConfigKey.Type.STRING,
            "lifestage_transitions", "The table of transitions, one row per transition id.");
    static final ConfigKey ACTIONS_TABLE = ConfigKey.optional("actions-table", ConfigKey.Type.STRING, null,
            "The table of the actions due (of journeys and transitions), one row per action id, with their payloads"
                    + " as JSON; unset, actions are not written.");
    static final ConfigKey CREATE_TABLES = ConfigKey.optional("create-tables", ConfigKey.Type.BOOLEAN, "true",
            "Whether to create the tables at start when they do not exist.");

    /** The keys sources and sinks share: where the database is and how to log in. */
    static final List<ConfigKey> CONNECTION = List.of(URL, USER, PASSWORD);

    @Override
    public String type() {
        return "jdbc";
    }

    @Override
    public Optional<ConnectorDescriptor<Source>> source() {
        return Optional.of(new ConnectorDescriptor<Source>(CONNECTION, JdbcSource::new).withKeys(TABLE, QUERY, KIND,
                CURSOR_COLUMN, KEY_COLUMN, ID_COLUMN, ANONYMOUS_ID_COLUMN, TYPE_COLUMN, EVENT_COLUMN, TIME_COLUMN,
                UPDATED_COLUMN, PROPERTY_COLUMNS, TRAIT_COLUMNS, BATCH_SIZE, MAX_VALUE_CHARS));
    }

    @Override
    public Optional<ConnectorDescriptor<Sink>> sink() {
        return Optional.of(new ConnectorDescriptor<Sink>(CONNECTION, JdbcSink::new)
                .withKeys(WRITE, DECISIONS_TABLE, TRANSITIONS_TABLE, ACTIONS_TABLE, CREATE_TABLES));
    }
}
