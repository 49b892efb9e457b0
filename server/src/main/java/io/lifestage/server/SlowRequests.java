package io.lifestage.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * Closes a connection whose request line and headers take longer than a limit to arrive, as a slow-header attack
 * sends them: Jetty only times out a connection that sends nothing at all, so one byte a second would hold it for
 * good. Checked once a second; a request whose headers are complete is left alone (a slow body or a slow reader of
 * the answer is cut off by Jetty's minimum data rates).
 */
final class SlowRequests extends AbstractLifeCycle implements Connection.Listener {

    private final long limitNanos;
    /** Open connections, with when their current request's headers started to arrive (0: none arriving). */
    private final Map<HttpConnection, Long> open = new ConcurrentHashMap<>();
    private ScheduledExecutorService sweeper;

    SlowRequests(Duration limit) {
        this.limitNanos = limit.toNanos();
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            open.put(http, 0L);
        }
    }

    @Override
    public void onClosed(Connection connection) {
        open.remove(connection);
    }

    @Override
    protected void doStart() {
        sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lifestage-slow-requests");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    protected void doStop() {
        sweeper.shutdownNow();
    }

    private void sweep() {
        long now = System.nanoTime();
        open.replaceAll((connection, since) -> {
            HttpParser parser = connection.getParser();
            if (parser.isStart() || !parser.inHeaderState()) {
                return 0L;
            }
            if (since == 0) {
                return now;
            }
            if (now - since > limitNanos) {
                connection.getEndPoint().close();
            }
            return since;
        });
    }
}
