package io.lifestage.engine.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.h2.mvstore.MVStoreTool;

/**
 * Rewrites an embedded H2 store's file with its live rows only, so that deleted rows leave it: H2 keeps a deleted row
 * in its {@code .mv.db} file until it happens to reuse that space. The database is shut down first (plainly, without
 * H2's own compaction) and the file is then copied map by map into a new file that atomically replaces it; a process
 * killed meanwhile leaves the old file as it was.
 *
 * <p>The caller must hold every other use of the store out, in this process and in any other, until {@link #compact}
 * returns: a connection opened during the copy would open the file being replaced. That is why H2's own
 * {@code SHUTDOWN COMPACT}, run while other connections of a server reconnected, is not used. The copy is not
 * compressed, so that what the file holds can be checked byte by byte.
 */
public final class FileCompaction {

    private FileCompaction() {
    }

    /**
     * Whether a store URL names an embedded H2 file this process opens itself (not in memory, not an H2 server, not
     * shared with other processes through {@code AUTO_SERVER}).
     */
    public static boolean appliesTo(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:mem:") && !lower.startsWith("jdbc:h2:tcp:")
                && !lower.startsWith("jdbc:h2:ssl:") && !lower.startsWith("jdbc:h2:zip:")
                && !lower.contains(";auto_server=true");
    }

    /**
     * Shuts the database down and rewrites its file; the next connection opens the rewritten file.
     *
     * @throws StoreException naming the URL (never the password) when the database cannot be shut down or copied;
     *                        the store is then as it was before, only closed
     */
    public static void compact(String url, String user, String password) {
        String path;
        try (Connection connection = DriverManager.getConnection(StageStore.durable(url), user, password);
             Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT DATABASE_PATH()")) {
                rs.next();
                path = rs.getString(1);
            }
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new StoreException("LS-STORE-0011 cannot shut down the stage store " + url + " to compact it: "
                    + e.getMessage(), e);
        }
        try {
            MVStoreTool.compact(path + ".mv.db", false);
        } catch (RuntimeException e) {
            throw new StoreException("LS-STORE-0011 cannot compact the stage store " + url + ": " + e.getMessage(), e);
        }
    }
}
