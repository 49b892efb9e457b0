package io.lifestage.engine.store;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.mvstore.MVStoreTool;

/**
 * Rewrites an embedded H2 store's file with its live rows only, so that deleted rows leave it: H2 keeps a deleted row
 * in its {@code .mv.db} file until it happens to reuse that space. The database is shut down first (plainly, without
 * H2's own compaction) and the file is then copied map by map into a new file that atomically replaces it; a process
 * killed meanwhile leaves the old file as it was. An empty file beside the store's ({@code <name>.erased}) says that
 * deleted rows wait for a compaction, so that a process killed before it finds them at its next start.
 *
 * <p>A page-by-page copy is not always enough: H2 keeps a deleted key in an inner page of a B-tree index as long as it
 * separates two live keys, and the copy carries that page over (a committed delete of half of 2,000 ids left dozens
 * of them so). So the new file is read for the deleted ids given to {@link #rowsDeleted}; when one is still there,
 * or when they are not known (deleted by a process that stopped before its compaction), the store is rebuilt from its
 * rows: written out as SQL ({@code SCRIPT}, encrypted with a key that lives only in memory), read into a new database
 * ({@code RUNSCRIPT}) whose indexes are built anew from live keys, and that database's file replaces the store's. The
 * rebuild costs about ten times the copy, which is why it is not the default.
 *
 * <p>The caller must hold every other use of the store out, in this process and in any other, until {@link #compact}
 * returns: a connection opened meanwhile would see a store being replaced. That is why H2's own
 * {@code SHUTDOWN COMPACT}, run while other connections of a server reconnected, is not used. The new file is not
 * compressed, so that what it holds can be checked byte by byte.
 */
public final class FileCompaction {

    /** Bytes {@link #holdsAnyOf} reads at a time. */
    private static final int SCAN_BLOCK = 8 << 20;

    private final String url;
    private final String user;
    private final String password;
    /** The database's path without the {@code .mv.db} ending. */
    private final String path;
    /** Ids deleted since the last compaction, in this process. */
    private final Set<String> deletedIds = ConcurrentHashMap.newKeySet();
    /** Whether rows deleted by an earlier process, whose ids nobody knows, wait for a compaction. */
    private volatile boolean unknownDeleted;

    private FileCompaction(String url, String user, String password, String path) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.path = path;
        this.unknownDeleted = due();
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

    /**
     * Notes that the rows of these ids (customer ids, anonymous ids: the keys of the store's indexes) were deleted and
     * wait for a compaction; they do until {@link #compact} has run and found none of them in the new file.
     */
    public void rowsDeleted(Collection<String> ids) {
        try {
            Files.write(pending(), new byte[0]);
        } catch (IOException e) {
            throw new StoreException("LS-STORE-0011", "cannot note a pending compaction beside the stage store " + url
                    + ": " + e.getMessage(), e);
        }
        deletedIds.addAll(ids);
    }

    /** Whether deleted rows wait for a compaction, also ones a process stopped before compacting left behind. */
    public boolean due() {
        return Files.exists(pending());
    }

    /**
     * Shuts the database down and rewrites its file, rebuilding it from its rows when a deleted id outlived the copy;
     * the next connection opens the new file.
     *
     * @throws StoreException naming the URL (never the password) when the database cannot be shut down, copied or
     *                        rebuilt; the store is then as it was before, only closed
     */
    public void compact() {
        Set<String> ids = Set.copyOf(deletedIds);
        try {
            try (Connection connection = DriverManager.getConnection(StageStore.durable(url), user, password);
                 Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            }
            copyLivePages(path);
            if (unknownDeleted || ids.isEmpty() || holdsAnyOf(ids)) {
                rebuild();
            }
            Files.deleteIfExists(pending());
            unknownDeleted = false;
        } catch (SQLException | RuntimeException | IOException e) {
            throw new StoreException("LS-STORE-0011", "cannot compact the stage store " + url + ": " + e.getMessage(),
                    e);
        }
        deletedIds.removeAll(ids);
    }

    /**
     * Copies the live pages of the shut-down H2 database at {@code path} (without its {@code .mv.db} ending), as they
     * are, into a new file that then replaces the old one; a process killed meanwhile leaves the old file whole. The
     * pages are not compressed: compressing is a pass of its own on one thread, every later read decompresses, and
     * runs rewrite the pages they change uncompressed.
     */
    static void copyLivePages(String path) {
        MVStoreTool.compact(path + ".mv.db", false);
    }

    /** Rebuilds the shut-down database from its rows into a new file that replaces the old. */
    private void rebuild() throws SQLException, IOException {
        Path script = Path.of(path + ".rebuild.sql");
        String rebuilt = path + ".rebuild";
        String key = new BigInteger(128, new SecureRandom()).toString(16);
        String sql = "'" + script.toString().replace("'", "''") + "' COMPRESSION DEFLATE CIPHER AES PASSWORD '" + key
                + "'";
        Files.deleteIfExists(script);
        Files.deleteIfExists(Path.of(rebuilt + ".mv.db"));
        try (Connection connection = DriverManager.getConnection(StageStore.durable(url), user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("SCRIPT TO " + sql);
            statement.execute("SHUTDOWN");
        }
        try (Connection connection = DriverManager.getConnection(StageStore.durable(rebuiltUrl(rebuilt)), user,
                password);
             Statement statement = connection.createStatement()) {
            statement.execute("RUNSCRIPT FROM " + sql);
            statement.execute("SHUTDOWN");
        }
        // RUNSCRIPT leaves the pages its inserts rewrote: copy the live ones, which now hold live keys alone.
        copyLivePages(rebuilt);
        Files.move(Path.of(rebuilt + ".mv.db"), Path.of(path + ".mv.db"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(script);
    }

    /** Whether the store's file holds any of these texts (as UTF-8) anywhere, read block by block. */
    private boolean holdsAnyOf(Collection<String> texts) throws IOException {
        // ISO-8859-1 maps each byte to one char, so that String.contains finds UTF-8 byte sequences.
        List<String> needles = texts.stream()
                .map(text -> new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))
                .toList();
        int overlap = needles.stream().mapToInt(String::length).max().orElse(1) - 1;
        byte[] block = new byte[SCAN_BLOCK + overlap];
        try (InputStream in = Files.newInputStream(Path.of(path + ".mv.db"))) {
            int carried = 0;
            for (int read; (read = in.readNBytes(block, carried, SCAN_BLOCK)) > 0; ) {
                int length = carried + read;
                String chunk = new String(block, 0, length, StandardCharsets.ISO_8859_1);
                if (needles.stream().anyMatch(chunk::contains)) {
                    return true;
                }
                carried = Math.min(overlap, length);
                System.arraycopy(block, length - carried, block, 0, carried);
            }
            return false;
        }
    }

    /** The URL of a database at {@code rebuilt}, with the settings of the store's URL (a cipher, for example). */
    private String rebuiltUrl(String rebuilt) {
        int settings = url.indexOf(';');
        return "jdbc:h2:file:" + rebuilt + (settings < 0 ? "" : url.substring(settings));
    }

    private Path pending() {
        return Path.of(path + ".erased");
    }
}
