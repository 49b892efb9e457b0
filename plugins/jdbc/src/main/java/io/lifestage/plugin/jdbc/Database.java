package io.lifestage.plugin.jdbc;

import static io.lifestage.plugin.jdbc.JdbcConnectorProvider.PASSWORD;
import static io.lifestage.plugin.jdbc.JdbcConnectorProvider.URL;
import static io.lifestage.plugin.jdbc.JdbcConnectorProvider.USER;

import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * Opens connections for one connector and turns {@link SQLException}s into {@link ConnectorException}s that say
 * whether waiting may help. Drivers are found through the {@code java.sql.Driver} service files of this plugin's
 * class loader rather than {@code DriverManager}, which does not see drivers of a plugin's own class loader.
 */
final class Database {

    private final ConnectorContext context;
    private final String url;
    private final Properties login = new Properties();
    private final Driver driver;

    Database(ConnectorContext context) {
        this.context = context;
        this.url = context.requiredSetting(URL).trim();
        context.nonBlankSetting(USER).ifPresent(user -> login.setProperty("user", user));
        context.nonBlankSetting(PASSWORD).ifPresent(password -> login.setProperty("password", password));
        this.driver = driverFor(url);
    }

    /** A new connection; the caller closes it. */
    Connection connect() throws SQLException {
        Connection connection = driver.connect(url, login);
        if (connection == null) {
            throw new SQLException("the driver " + driver.getClass().getName() + " refused the URL");
        }
        return connection;
    }

    /** Closes a connection that may already be broken; a failure to close it is only logged. */
    void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            context.logger().log(System.Logger.Level.DEBUG, "closing the connection to {0} failed: {1}", shownUrl(),
                    e.getMessage());
        }
    }

    /** The URL fit for messages and logs: without its parameters and user info, which may hold a password. */
    String shownUrl() {
        int end = url.length();
        for (char separator : new char[] {'?', ';'}) {
            int at = url.indexOf(separator);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return url.substring(0, end).replaceFirst("//[^/@]*@", "//");
    }

    /**
     * The failure of {@code what}, retriable when the same call may succeed later: a lost or refused connection, a
     * timeout, a deadlock or serialization failure, a server short of resources or shutting down.
     */
    ConnectorException failure(String what, SQLException e) {
        String message = failed(what, e);
        return retriable(e) ? ConnectorException.retriable(message, e) : ConnectorException.fatal(message, e);
    }

    /** The failure of {@code what} at start, which is always final: the configuration or the database is wrong. */
    ConnectorException startFailure(String what, SQLException e) {
        return ConnectorException.fatal(failed(what, e), e);
    }

    private String failed(String what, SQLException e) {
        return what + " at " + shownUrl() + " failed: " + e.getMessage() + state(e);
    }

    static boolean retriable(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return true;
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57P")
                || state.startsWith("HYT") || state.equals("90067");
    }

    private static String state(SQLException e) {
        return e.getSQLState() == null ? "" : " (SQL state " + e.getSQLState() + ")";
    }

    private Driver driverFor(String url) {
        for (Driver candidate : ServiceLoader.load(Driver.class, Database.class.getClassLoader())) {
            try {
                if (candidate.acceptsURL(url)) {
                    return candidate;
                }
            } catch (SQLException e) {
                // a driver that cannot judge the URL does not take it
            }
        }
        throw ConnectorException.fatal("no JDBC driver takes the URL in setting '" + URL.name() + "' (" + shownUrl()
                + "); this connector bundles H2 (jdbc:h2:…) and PostgreSQL (jdbc:postgresql://…)");
    }
}
