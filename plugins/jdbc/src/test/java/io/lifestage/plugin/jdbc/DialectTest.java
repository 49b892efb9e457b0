package io.lifestage.plugin.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The sink picks its SQL by the database product name the driver reports. */
class DialectTest {

    @Test
    void knowsH2AndPostgresqlByTheirDriversProductNames() {
        assertThat(Dialect.of("H2")).contains(Dialect.H2);
        assertThat(Dialect.of("PostgreSQL")).contains(Dialect.POSTGRESQL);
    }

    @Test
    void knowsNoOtherDatabase() {
        assertThat(Dialect.of("MySQL")).isEmpty();
        assertThat(Dialect.of("Microsoft SQL Server")).isEmpty();
    }

    @Test
    void upsertsOnPostgresqlWithOnConflictKeepingALaterStoredDecision() {
        assertThat(Dialect.POSTGRESQL.upsertDecision("stages")).startsWith("INSERT INTO stages AS d (customer_id,")
                .contains("ON CONFLICT (customer_id) DO UPDATE SET stage = EXCLUDED.stage,")
                .endsWith("WHERE d.as_of <= EXCLUDED.as_of");
        assertThat(Dialect.POSTGRESQL.insertIfAbsent("moves", Dialect.TRANSITION_COLUMNS))
                .endsWith("ON CONFLICT (id) DO NOTHING");
    }

    @Test
    void upsertsOnH2WithAStandardMerge() {
        assertThat(Dialect.H2.upsertDecision("stages")).startsWith("MERGE INTO stages AS d USING (VALUES (CAST(? AS")
                .contains("WHEN MATCHED AND d.as_of <= s.as_of THEN UPDATE SET stage = s.stage,")
                .contains("WHEN NOT MATCHED THEN INSERT");
        assertThat(Dialect.H2.insertIfAbsent("moves", Dialect.TRANSITION_COLUMNS)).doesNotContain("WHEN MATCHED ")
                .contains("ON d.id = s.id WHEN NOT MATCHED THEN INSERT");
    }
}
