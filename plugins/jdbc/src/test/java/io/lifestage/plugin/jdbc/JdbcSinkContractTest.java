package io.lifestage.plugin.jdbc;

import io.lifestage.api.ActionFired;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.testkit.SinkContract;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The jdbc sink honours the sink contract on H2: decisions, transitions and (with {@code actions-table}) actions are
 * read back from its tables with plain SQL as soon as flush returns, and writing them again, by the same sink or by a
 * new one, stores nothing twice.
 */
class JdbcSinkContractTest extends SinkContract implements OnTestDatabase {

    private TestDatabase database;

    @Override
    protected ConnectorProvider provider() {
        return new JdbcConnectorProvider();
    }

    @Override
    protected Map<String, String> prepare(Path dir) throws Exception {
        database = database(dir);
        return database.settings();
    }

    @Override
    protected Stored readBack(Path dir, Map<String, String> settings) throws Exception {
        return Stored.both(SinkTables.decisions(database, "lifestage_decisions"),
                SinkTables.transitions(database, "lifestage_transitions"));
    }

    @Override
    protected Optional<Map<String, String>> prepareActions(Path dir) throws Exception {
        Map<String, String> settings = new HashMap<>(prepare(dir));
        settings.put("actions-table", "lifestage_actions");
        return Optional.of(settings);
    }

    @Override
    protected List<ActionFired> readBackActions(Path dir, Map<String, String> settings) throws Exception {
        return SinkTables.actions(database, settings.get("actions-table"));
    }

    @Override
    protected boolean idempotent() {
        return true;
    }
}
