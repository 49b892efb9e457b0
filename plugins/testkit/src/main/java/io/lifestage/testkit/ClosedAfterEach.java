package io.lifestage.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Closes the sources and sinks a test started once the test is over, passed or failed, the last started first, so
 * that no file, connection or thread stays open after a failing assertion:
 *
 * <pre>{@code
 * @RegisterExtension
 * final ClosedAfterEach opened = new ClosedAfterEach();
 * ...
 * Source source = opened.add(context.startedSource());
 * }</pre>
 *
 * A connector the test closes itself is closed once more, which the contracts require to be safe.
 */
public final class ClosedAfterEach implements AfterEachCallback {

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    /** The connector, returned as it is, to be closed after the test. */
    public <C extends AutoCloseable> C add(C connector) {
        opened.push(connector);
        return connector;
    }

    /** Closes every connector added, even when one fails to close; the first failure is thrown. */
    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception failure = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
