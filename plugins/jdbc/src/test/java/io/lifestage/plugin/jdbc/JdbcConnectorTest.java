package io.lifestage.plugin.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lifestage.api.spi.ConnectorException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test of the jdbc source or sink on its own: an empty database per test ({@link OnTestDatabase}), every connector
 * the test opens closed after it, and what a start that fails must look like.
 */
abstract class JdbcConnectorTest implements OnTestDatabase {

    @TempDir
    Path dir;
    protected TestDatabase db;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void emptyDatabase() throws Exception {
        db = database(dir);
    }

    @AfterEach
    void closeConnectors() throws Exception {
        for (AutoCloseable connector : opened) {
            connector.close();
        }
    }

    /** The connector, closed after the test. */
    protected <C extends AutoCloseable> C closedAfterTheTest(C connector) {
        opened.add(connector);
        return connector;
    }

    /**
     * The message of the failure {@code start} ends with, once checked to be the connector's own: a
     * {@link ConnectorException} that is not retriable and not worded as the engine's {@code connector …}.
     */
    protected static String failedStart(ThrowingCallable start, Object settings) {
        ConnectorException failure = catchThrowableOfType(ConnectorException.class, start);
        assertThat(failure).as("start with %s", settings).isNotNull();
        assertThat(failure.retriable()).as("retriable()").isFalse();
        assertThat(failure.getMessage()).doesNotStartWith("connector ");
        return failure.getMessage();
    }
}
