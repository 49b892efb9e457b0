package io.lifestage.plugin.jdbc;

import java.nio.file.Path;

/**
 * A jdbc test that works on an empty database per test: an H2 file database in the test's directory, unless the test
 * class also implements {@link OnPostgres}.
 */
interface OnTestDatabase {

    /** An empty database for one test. */
    default TestDatabase database(Path dir) throws Exception {
        return TestDatabase.h2(dir);
    }
}
