package io.lifestage.engine.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import org.h2.mvstore.MVStoreTool;

/**
 * Rewrites an embedded H2 store's file with its live rows only, so that deleted rows leave it: H2 keeps a deleted row
 * in its {@code .mv.db} file until it happens to reuse that space. The database is shut down first (plainly, without
 * H2's own compaction) and the file is then copied map by map into a new file that atomically replaces it; a process
 * killed meanwhile leaves the old file as it was. An empty file beside the store's ({@code <name>.erased}) says that
 * deleted rows wait for a compaction, so that a process killed before it finds them at its next start.
 *
 * <p>The caller must hold every other use of the store out, in this process and in any other, until {@link #compact}
 * returns: a connection opened during the copy would open the file being replaced. That is why H2's own
 * {@code SHUTDOWN COMPACT}, run while other connections of a server reconnected, is not used. The copy is not
 * compressed, so that what the file holds can be checked byte by byte.
 */
public final class FileCompaction {

    private final String url;
    private final String user;
    private final String password;
    /** The database's path without the {@code .mv.db} ending. */
    private final String path;

    private FileCompaction(String url, String user, String password, String path) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.path = path;
    }

    /**
     * The compaction of the store at a URL, or empty when the URL does not name an embedded H2 file this process opens
     * itself (in memory, an H2 server, shared with other processes through {@code AUTO_SERVER}, or not H2).
     *
     * @throws StoreException naming the URL when the database cannot be reached to learn its file
     */
    static Optional<FileCompaction> of(String url, String user, String password) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:") || lower.startsWith("jdbc:h2:mem:") || lower.startsWith("jdbc:h2:tcp:")
                || lower.startsWith("jdbc:h2:ssl:") || lower.startsWith("jdbc:h2:zip:")
                || lower.contains(";auto_server=true")) {
            return Optional.empty();
        }
        try (Connection connection = DriverManager.getConnection(StageStore.durable(url), user, password);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT DATABASE_PATH()")) {
            rs.next();
            return Optional.of(new FileCompaction(url, user, password, rs.getString(1)));
        } catch (SQLException e) {
            throw new StoreException("LS-STORE-0011", "cannot find the file of the stage store " + url + ": "
                    + e.getMessage(), e);
        }
    }

    /** Notes that rows were deleted and wait for a compaction; they do until {@link #compact} has run. */
    public void rowsDeleted() {
        try {
            Files.write(pending(), new byte[0]);
        } catch (IOException e) {
            throw new StoreException("LS-STORE-0011", "cannot note a pending compaction beside the stage store " + url
                    + ": " + e.getMessage(), e);
        }
    }

    /** Whether deleted rows wait for a compaction, also ones a process stopped before compacting left behind. */
    public boolean due() {
        return Files.exists(pending());
    }

    /**
     * Shuts the database down and rewrites its file; the next connection opens the rewritten file.
     *
     * @throws StoreException naming the URL (never the password) when the database cannot be shut down or copied;
     *                        the store is then as it was before, only closed
     */
    public void compact() {
        try (Connection connection = DriverManager.getConnection(StageStore.durable(url), user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new StoreException("LS-STORE-0011", "cannot shut down the stage store " + url + " to compact it: "
                    + e.getMessage(), e);
        }
        try {
            MVStoreTool.compact(path + ".mv.db", false);
            Files.deleteIfExists(pending());
        } catch (RuntimeException | IOException e) {
            throw new StoreException("LS-STORE-0011", "cannot compact the stage store " + url + ": " + e.getMessage(),
                    e);
        }
    }

    private Path pending() {
        return Path.of(path + ".erased");
    }
}
