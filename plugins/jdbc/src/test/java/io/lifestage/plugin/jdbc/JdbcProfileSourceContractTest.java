package io.lifestage.plugin.jdbc;

import io.lifestage.api.CustomerProfile;
import io.lifestage.api.Fact;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.testkit.SourceContract;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The jdbc source honours the source contract for CRM profiles on H2: a contacts table read two rows at a time by
 * {@code updated_at}, where several contacts share one {@code updated_at} and the id breaks the tie, so that resuming
 * after every batch checks the tie-breaker.
 */
class JdbcProfileSourceContractTest extends SourceContract implements OnTestDatabase {

    private static final Instant IMPORT = Instant.parse("2026-03-01T10:00:00Z");

    @Override
    protected ConnectorProvider provider() {
        return new JdbcConnectorProvider();
    }

    @Override
    protected List<Fact> facts() {
        return List.of(
                profile("c1", "free", 1L, IMPORT),
                profile("c2", "pro", 12L, IMPORT),
                profile("c3", "caf\u00e9", 3L, IMPORT),
                profile("c4", "free", 1L, IMPORT.plusSeconds(60)),
                profile("c0", "pro", 40L, IMPORT.plusSeconds(120)),
                profile("c5", "pro", 2L, IMPORT.plusSeconds(120)),
                profile("c6", "free", 1L, IMPORT.plusSeconds(180)));
    }

    private static CustomerProfile profile(String id, String plan, long seats, Instant updatedAt) {
        return new CustomerProfile(id, Map.of("plan", plan, "seats", seats, "email", id + "@example.com"), updatedAt);
    }

    @Override
    protected Input prepare(Path dir, List<Fact> facts) throws Exception {
        TestDatabase database = database(dir);
        database.execute("CREATE TABLE contacts (id VARCHAR(20) PRIMARY KEY, email VARCHAR(100), plan VARCHAR(20),"
                + " seats BIGINT, updated_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        insert(database, facts);
        Map<String, String> settings = new HashMap<>(database.settings());
        settings.putAll(Map.of("table", "contacts", "kind", "profiles", "cursor-column", "updated_at",
                "key-column", "id", "batch-size", "2"));
        return Input.growing(settings, more -> insert(database, more));
    }

    private static void insert(TestDatabase database, List<Fact> facts) throws Exception {
        for (Fact fact : facts) {
            CustomerProfile profile = (CustomerProfile) fact;
            database.update("INSERT INTO contacts (id, email, plan, seats, updated_at) VALUES (?, ?, ?, ?, ?)",
                    profile.customerId(), profile.traits().get("email"), profile.traits().get("plan"),
                    profile.traits().get("seats"), profile.updatedAt());
        }
    }

    @Override
    protected Map<String, String> failingSettings(Path dir) throws Exception {
        Map<String, String> settings = new HashMap<>(database(dir).settings());
        settings.putAll(Map.of("table", "no_such_table", "kind", "profiles", "cursor-column", "updated_at"));
        return settings;
    }
}
