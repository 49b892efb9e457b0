package io.lifestage.engine.store;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A schema migration of the store written in Java, where SQL alone cannot say it; Flyway runs it in its transaction,
 * in version order with the SQL ones in {@code db/lifestage}.
 */
abstract class StoreMigration implements JavaMigration {

    private final MigrationVersion version;
    private final String description;

    StoreMigration(String version, String description) {
        this.version = MigrationVersion.fromVersion(version);
        this.description = description;
    }

    @Override
    public final MigrationVersion getVersion() {
        return version;
    }

    @Override
    public final String getDescription() {
        return description;
    }

    @Override
    public final Integer getChecksum() {
        return null;
    }

    @Override
    public final boolean canExecuteInTransaction() {
        return true;
    }
}
