package io.lifestage.engine.store;

import static io.lifestage.engine.store.StoreConnection.bind;
import static io.lifestage.engine.store.StoreConnection.placeholders;

import io.lifestage.api.ActionFired;
import io.lifestage.api.CustomerStage;
import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.api.Lifestage;
import io.lifestage.api.Transition;
import io.lifestage.api.rules.CustomerMetrics;
import io.lifestage.engine.config.StoreSettings;
import io.lifestage.engine.internal.Days;
import io.lifestage.engine.metrics.BuyerColumns;
import io.lifestage.engine.metrics.OrderValue;
import io.lifestage.engine.metrics.RfmScales;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The stage store: every accepted fact, each customer's current stage and the instant it may next change, every
 * transition, the sources' positions and a log of runs. Embedded H2 by default, PostgreSQL in production; the schema
 * is created and upgraded by Flyway from {@code db/lifestage}. Every write method is one transaction, so a run that
 * is killed leaves the store as it was after the last completed call.
 *
 * <p>One instance holds one connection and is used by one thread at a time. A connection that failed as a connection
 * does (the database restarted or cannot be reached: {@link StoreException#unavailable()}) is replaced by a new one at
 * the next call, so the store recovers by itself once the database is back.
 */
public final class StageStore implements AutoCloseable {

    /**
     * Rows per {@code IN (…)} list: well under every database's limit on parameters, and short, because H2 checks each
     * row it finds through an index against the whole list again, one value after the other.
     */
    private static final int IN_LIST = 100;
    /** Customers whose facts are read in one query when their ids are dense. */
    private static final int RANGE = 1_000;
    /** The percentage of an H2 file live, at least, that a run which added little leaves as it is. */
    private static final int LIVE_SHARE_KEPT = 60;
    /** The bytes of old page copies under which a run that added little leaves an H2 file as it is. */
    static final long DEAD_BYTES_KEPT = 32 << 20;
    /**
     * Rows (customers, transitions, actions) that {@link #saveInParts} writes to an H2 store in one transaction. H2
     * writes a transaction's changed pages and its undo log to the file before the commit once they take 19 MB of
     * memory, and the changed pages again at the commit; two thousand rows take about ten.
     */
    private static final int H2_ROWS_PER_TRANSACTION = 2_000;
    /** Segments of one customer's facts at which they are stored again as one. */
    private static final int SEGMENTS_MERGED_AT = 16;
    /**
     * The indexes of {@code ls_customer} a large run on H2 goes without ({@link #dropCustomerIndexes}), by name, with
     * their columns, as the schema's migrations create them (CustomerIndexesTest compares the two).
     */
    private static final Map<String, String> CUSTOMER_INDEXES = Map.of(
            "ls_customer_next_check", "(next_check_at)",
            "ls_customer_stage", "(stage, customer_id)");
    /** The columns of a customer's row an evaluation writes, in the order {@link #bindCustomer} binds them. */
    private static final List<String> SAVED_COLUMNS = List.of("stage", "stage_since", "rule_name", "reason",
            "rule_base_version", "evaluated_as_of", "next_check_at", "last_activity_at", "purchases", "revenue",
            "last_purchase_at", "rfm_recency", "rfm_frequency", "rfm_monetary", "value_tier", "order_count",
            "order_amount", "order_revenue", "first_purchase_at");
    /** The customers with stored facts and no row, see {@link #leaveNewCustomersUnlisted}. */
    private static final String UNLISTED = "SELECT f.customer_id FROM ls_fact_segment f"
            + " WHERE NOT EXISTS (SELECT 1 FROM ls_customer c WHERE c.customer_id = f.customer_id)";
    /** An H2 database in memory without a name: private to the connection that opened it. */
    private static final Pattern UNNAMED_IN_MEMORY = Pattern.compile("(?i)jdbc:h2:mem:(;.*)?");
    /** Stores the link of an anonymous id to a user. */
    private static final String INSERT_IDENTITY = "INSERT INTO ls_identity (anonymous_id, user_id, linked_at)"
            + " VALUES (?, ?, ?)";
    /** The columns of a {@link CustomerValueRow}, in its order. */
    private static final String VALUE_COLUMNS = "customer_id, stage, stage_since, last_purchase_at, purchases,"
            + " revenue, value_tier, order_count, order_amount, order_revenue, first_purchase_at";
    /**
     * A customer's order revenue per year since their first purchase (one at least, whole days) as of the instant
     * bound to its parameter: their lifetime value ÷ its years, as {@link OrderValue#lifetimeValue} computes it.
     */
    private static final String ANNUAL_REVENUE = "CASE WHEN order_count = 0 THEN 0 ELSE order_revenue"
            + " / GREATEST(1.0, ((? - first_purchase_at) / " + Days.MILLIS + ") / 365.25) END";

    private final StoreConnection db;
    /** Whether this instance dropped the {@link #CUSTOMER_INDEXES}. */
    private boolean customerIndexesDropped;
    /** Whether this instance's imports leave new customers without a row, see {@link #leaveNewCustomersUnlisted}. */
    private boolean leaveNewCustomersUnlisted;

    private StageStore(StoreConnection db) {
        this.db = db;
    }

    /**
     * Opens the store {@code lifestage.store.*} names, creating or upgrading its schema: the one way the engine opens
     * its store. See {@link #open(String, String, String)}.
     *
     * @throws StoreException naming the URL (never the password) when the database cannot be reached or migrated
     */
    public static StageStore open(StoreSettings settings) {
        return open(settings.url(), settings.user(), settings.password().orElse(""));
    }

    /**
     * The version of the last of the store's {@link #migrations}: a store whose history ends there opens without
     * Flyway, which takes about half a second to load and check the migrations at every start of a command.
     */
    static final String SCHEMA_VERSION = "13";

    /** The store's schema migrations, SQL and Java, for the database at a URL. */
    static FluentConfiguration migrations(String url, String user, String password) {
        return Flyway.configure(StageStore.class.getClassLoader())
                .dataSource(url, user, password)
                .locations("classpath:db/lifestage")
                .table("ls_schema_history")
                .javaMigrations(new FactSegmentsMigration(), new TransitionKeyMigration());
    }

    /**
     * Opens the store at a JDBC URL, creating or upgrading its schema. An H2 store that is not in memory is opened
     * with {@code WRITE_DELAY=0} unless the URL sets it: H2 otherwise writes a commit to its file up to half a second
     * later, and a process killed meanwhile loses it after callers were told it was stored. And with
     * {@code DB_CLOSE_ON_EXIT=FALSE} unless the URL sets it: H2's own shutdown hook would close the database under a
     * server still answering its last requests; the store's owner closes it. And with {@code TRACE_LEVEL_FILE=0}
     * unless the URL sets it: H2 would write each failed statement, with its values (customer ids among them), to a
     * {@code .trace.db} file beside the store that no erasure reaches; Lifestage logs failures itself, without values.
     *
     * @throws StoreException naming the URL (never the password) when the database cannot be reached or migrated
     */
    static StageStore open(String url, String user, String password) {
        if (UNNAMED_IN_MEMORY.matcher(url).matches()) {
            throw new StoreException("LS-STORE-0001", "cannot open the stage store " + url + ": an unnamed in-memory"
                    + " H2 database is a new, empty one for every connection, and the store uses several (its schema"
                    + " migration, its writer threads); name it, as in jdbc:h2:mem:lifestage;DB_CLOSE_DELAY=-1", null);
        }
        url = durable(url);
        StoreConnection db = null;
        try {
            db = new StoreConnection(url, user, password);
            if (!atSchemaVersion(db)) {
                migrations(url, user, password).load().migrate();
            }
            StageStore store = new StageStore(db);
            if (url.startsWith("jdbc:h2:")) {
                store.buildCustomerIndexes(); // a run killed while they were dropped left the store without them
            }
            return store;
        } catch (FlywayException | SQLException e) {
            closeAfter(e, db);
            throw new StoreException("LS-STORE-0001", "cannot open the stage store " + url + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeAfter(e, db);
            throw e;
        }
    }

    /** Closes the connection of a store that failed to open, if it got that far. */
    private static void closeAfter(Exception failure, StoreConnection db) {
        if (db != null) {
            try {
                db.close();
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /**
     * Another instance on this store's database, with a connection of its own, for another thread; its imports leave
     * new customers without a row when this instance's do.
     */
    StageStore anotherConnection() {
        try {
            StageStore another = new StageStore(db.another());
            another.leaveNewCustomersUnlisted = leaveNewCustomersUnlisted;
            return another;
        } catch (SQLException e) {
            throw new StoreException("LS-STORE-0001", "cannot open another connection to " + url() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The URL to open: an H2 file or server URL gets the settings {@link #open} names unless it sets them. */
    static String durable(String url) {
        if (!url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:")) {
            return url;
        }
        String settings = url.toUpperCase(Locale.ROOT);
        return url + (settings.contains(";WRITE_DELAY=") ? "" : ";WRITE_DELAY=0")
                + (settings.contains(";DB_CLOSE_ON_EXIT=") ? "" : ";DB_CLOSE_ON_EXIT=FALSE")
                + (settings.contains(";TRACE_LEVEL_FILE=") ? "" : ";TRACE_LEVEL_FILE=0");
    }

    /**
     * The compaction of this store's file, or empty when erased rows need none to leave the store's files (an
     * in-memory or server H2, PostgreSQL): see {@link FileCompaction#of}.
     */
    public Optional<FileCompaction> fileCompaction() {
        return db.fileCompaction();
    }

    /**
     * Drops the indexes of customers' next checks and stages until {@link #restoreCustomerIndexes}. Every change of a
     * customer's next check or stage moves their entry to another place of these indexes, and H2 rewrites a row's
     * entry in every index of its table at each update, so a run that writes most customers' rows rewrote most of
     * their pages at every commit; building them again once afterwards costs a sort each. (The transitions' indexes
     * stay: building them over every transition of a first run cost more than they save.) Only on an embedded H2
     * store, and only for a store this instance is the only user of (a command-line run), since nothing finds due
     * customers, or the customers in a stage, quickly meanwhile. Indexes left dropped by a run that was killed are
     * built again when the store is opened.
     */
    public void dropCustomerIndexes() {
        if (onH2() && !customerIndexesDropped) {
            inTransaction("drop the customers' indexes", () -> {
                for (String index : CUSTOMER_INDEXES.keySet()) {
                    db.update("DROP INDEX IF EXISTS " + index);
                }
                return null;
            });
            customerIndexesDropped = true;
        }
    }

    /** Builds the customers' indexes again, if this instance dropped them; see {@link #dropCustomerIndexes}. */
    public void restoreCustomerIndexes() {
        if (customerIndexesDropped) {
            buildCustomerIndexes();
            customerIndexesDropped = false;
        }
    }

    private void buildCustomerIndexes() {
        inTransaction("build the customers' indexes", () -> {
            for (Map.Entry<String, String> index : CUSTOMER_INDEXES.entrySet()) {
                db.update("CREATE INDEX IF NOT EXISTS " + index.getKey() + " ON ls_customer " + index.getValue());
            }
            return null;
        });
    }

    /**
     * Whether this instance's imports from now on, and the evaluation after them, write in bulk: the imports store the
     * facts of customers new to the store without giving them a row, and their evaluation inserts it. A new customer's
     * row is otherwise written twice in a first run (made due when their facts are stored, then updated by the
     * evaluation), and H2 writes an update as a removal and an addition in each of the table's indexes. The store is
     * marked meanwhile, in the transaction of the facts, so that every evaluation also finds the customers with facts
     * and no row due, also after a run killed midway, until one finds none left ({@link #clearUnlistedMarkIfNoneLeft}).
     * Only for a store this instance is the only user of, as {@link #dropCustomerIndexes}, and only on an H2 store no
     * other process can open (an embedded file or memory, not an H2 server): this instance's saves and the clearing of
     * the mark then skip look-ups that only an erasure or a link beside it would make necessary. A run sets this for
     * each source it imports: one that imports little after a bulk import gives its new customers their rows again.
     */
    public void leaveNewCustomersUnlisted(boolean bulk) {
        String lower = url().toLowerCase(Locale.ROOT);
        leaveNewCustomersUnlisted = bulk && onH2() && !lower.startsWith("jdbc:h2:tcp:")
                && !lower.startsWith("jdbc:h2:ssl:");
    }

    /** Whether the store may hold facts of customers without a row, see {@link #leaveNewCustomersUnlisted}. */
    boolean unlistedMarked() {
        return db.list("SELECT unlisted_customers FROM ls_history WHERE id = 1", List.of(), rs -> rs.getBoolean(1))
                .get(0);
    }

    /**
     * Clears the store's mark that it may hold facts of customers without a row, unless some are left: after an
     * evaluation of every customer due, which gave those it found their row. An instance that leaves new customers
     * unlisted, the only user of its store, clears it without looking at every segment: the customers it found due
     * included all those without a row, and nothing else can have stored facts since.
     */
    public void clearUnlistedMarkIfNoneLeft() {
        inTransaction("clear the mark of customers without a row", () -> unlistedMarked()
                ? db.update("UPDATE ls_history SET unlisted_customers = FALSE WHERE id = 1"
                        + (leaveNewCustomersUnlisted ? "" : " AND NOT EXISTS (" + UNLISTED + ")")) : 0);
    }

    /**
     * On PostgreSQL, has the planner's statistics of the fact and customer tables taken again, after a bulk import:
     * until its autovacuum gets to it, the planner would plan the run's reads with those of the tables before (for a
     * first run, empty ones: the reads of 100,000 customers' facts took 40 s instead of 5). Does nothing elsewhere.
     */
    void refreshStatistics() {
        if (url().startsWith("jdbc:postgresql:")) {
            inTransaction("analyze the stored facts",
                    () -> db.update("ANALYZE ls_fact_segment, ls_customer, ls_identity"));
        }
    }

    /** The JDBC URL the store was opened at. */
    public String url() {
        return db.url();
    }

    /** The position a source committed last, if any. */
    public Optional<String> position(String source) {
        return db.list("SELECT position FROM ls_source_position WHERE source_name = ?", List.of(source),
                rs -> rs.getString(1)).stream().findFirst();
    }

    /**
     * Stores a source's batch of facts and its position in one transaction. Facts already stored (redelivered: the
     * same message id, or for a fact without one the same content) are skipped. Each customer with a new fact becomes
     * due for evaluation from that fact's instant on; an identify call linking an anonymous id to a user moves the
     * anonymous history to the user.
     *
     * @param now when the facts are stored
     * @return how many facts were new
     */
    public int ingest(String source, List<Fact> facts, String position, Instant now) {
        return ingestParts(source, List.of(facts), position, now).stored()[0];
    }

    /**
     * What {@link #ingestParts} stored.
     *
     * @param stored    how many facts of each part were new
     * @param customers the customers whose facts changed: those with new facts, and those an identify call linked
     */
    public record StoredParts(int[] stored, Set<String> customers) {
    }

    /**
     * Stores several batches of one source in one transaction, as {@link #ingest} stores one, so that concurrent
     * callers share a commit; a fact in two parts counts for the first.
     */
    public StoredParts ingestParts(String source, List<List<Fact>> parts, String position, Instant now) {
        long storedAt = now.toEpochMilli();
        return inTransaction("store facts of source '" + source + "'", () -> {
            Map<String, StoredFact> rows = new LinkedHashMap<>();
            Map<String, Integer> partOf = new HashMap<>();
            Set<String> customers = new HashSet<>();
            for (List<Fact> facts : parts) {
                for (Fact fact : facts) {
                    link(fact, storedAt, customers);
                }
            }
            // Links first, so that anonymous calls before the identify call of the same batch go to the user too.
            for (int part = 0; part < parts.size(); part++) {
                for (Fact fact : parts.get(part)) {
                    StoredFact row = StoredFact.of(fact, canonicalId(fact));
                    if (rows.putIfAbsent(row.key(), row) == null) {
                        partOf.put(row.key(), part);
                    }
                }
            }
            Map<String, List<StoredFact>> byCustomer = new LinkedHashMap<>();
            rows.values().forEach(row -> byCustomer.computeIfAbsent(row.customerId(), id -> new ArrayList<>())
                    .add(row));
            byCustomer.values().forEach(facts -> facts.sort(StoredFact.TIME_ORDER));
            Map<String, List<StoredFact>> added = storeNew(byCustomer.values().stream().map(NewFacts::new).toList(),
                    unlistedMarked(), storedAt);
            savePosition(source, position, storedAt);
            int[] stored = new int[parts.size()];
            added.values().forEach(facts -> facts.forEach(fact -> stored[partOf.get(fact.key())]++));
            customers.addAll(added.keySet());
            return new StoredParts(stored, customers);
        });
    }

    private final Map<String, String> linkCache = new HashMap<>();

    private void link(Fact fact, long now, Set<String> linked) throws SQLException {
        if (!(fact instanceof Event event) || event.type() != Event.Type.IDENTIFY || event.userId() == null
                || event.anonymousId() == null || event.userId().equals(event.anonymousId())
                || linkedUser(event.anonymousId()) != null) {
            return;
        }
        linked.add(event.anonymousId());
        linked.add(event.userId());
        storeLink(event.anonymousId(), event.userId(), now);
    }

    /**
     * Links an anonymous id to a user: the anonymous id's stored facts, transitions and current row move to the user
     * (the user's row, when there is one, stays and becomes due).
     */
    private void storeLink(String anonymous, String user, long now) throws SQLException {
        db.update(INSERT_IDENTITY, anonymous, user, now);
        linkCache.put(anonymous, user);
        long userSegments = db.list("SELECT COALESCE(MAX(segment_no), 0) FROM ls_fact_segment WHERE customer_id = ?",
                List.of(user), rs -> rs.getLong(1)).get(0);
        db.update("UPDATE ls_fact_segment SET customer_id = ?, segment_no = segment_no + ? WHERE customer_id = ?", user,
                userSegments, anonymous);
        db.update("UPDATE ls_transition SET customer_id = ? WHERE customer_id = ?", user, anonymous);
        db.update("UPDATE ls_action SET customer_id = ? WHERE customer_id = ?", user, anonymous);
        boolean userKnown = !db.list("SELECT 1 FROM ls_customer WHERE customer_id = ?", List.of(user), rs -> 1)
                .isEmpty();
        if (userKnown) {
            Map<String, Long> uncounted = new HashMap<>();
            db.forEach("SELECT stage FROM ls_customer WHERE customer_id = ? AND stage IS NOT NULL", List.of(anonymous),
                    rs -> uncounted.merge(rs.getString(1), -1L, Long::sum));
            db.update("DELETE FROM ls_customer WHERE customer_id = ?", anonymous);
            countStages(db, uncounted);
            db.update("UPDATE ls_customer SET next_check_at = 0 WHERE customer_id = ?", user);
        } else {
            db.update("UPDATE ls_customer SET customer_id = ?, next_check_at = 0 WHERE customer_id = ?", user,
                    anonymous);
        }
    }

    /**
     * Starts storing a source's facts customer after customer: for many facts at once, such as a run's whole input,
     * far cheaper than {@link #ingest} in batches as they come. Close the import when done.
     *
     * @param now when the facts are stored
     */
    public FactImport importFacts(String source, Instant now) {
        return new FactImport(this, source, now.toEpochMilli(), FactSorter.RUN);
    }

    /**
     * Stores the links of identify calls not linked before, the first for each anonymous id, and says which of the
     * anonymous ids (given sorted, each as often as it has facts) and of those links belong to a user, and which.
     */
    Map<String, String> linkAll(Map<String, String> links, Iterator<String> anonymousIds, long now)
            throws SQLException {
        Map<String, String> users = new HashMap<>();
        if (!db.list("SELECT 1 FROM ls_identity FETCH FIRST 1 ROWS ONLY", List.of(), rs -> 1).isEmpty()) {
            storedLinks(links.keySet().iterator(), users);
            storedLinks(anonymousIds, users);
        }
        Map<String, String> added = new TreeMap<>();
        for (Map.Entry<String, String> link : links.entrySet()) {
            if (users.putIfAbsent(link.getKey(), link.getValue()) == null) {
                added.put(link.getKey(), link.getValue());
            }
        }
        // An anonymous id without a customer row (nor stored facts, when the store holds customers without a row) has
        // nothing stored to move to its user: its link is one row. The rows go in in key order, which H2 writes at a
        // third of the cost of the same rows in random order. They stay out of the cache of links, which single
        // ingests read: an import's links would fill it with the population.
        Set<String> withHistory = existing("SELECT customer_id FROM ls_customer WHERE customer_id IN", added.keySet());
        if (unlistedMarked()) {
            withHistory.addAll(withStoredFacts(added.keySet()));
        }
        try (PreparedStatement identity = db.prepare(INSERT_IDENTITY)) {
            for (Map.Entry<String, String> link : added.entrySet()) {
                if (withHistory.contains(link.getKey())) {
                    storeLink(link.getKey(), link.getValue(), now);
                } else {
                    bind(identity, link.getKey(), link.getValue(), now);
                    identity.addBatch();
                }
            }
            identity.executeBatch();
        }
        return users;
    }

    /** Puts the users the store links these anonymous ids to in {@code users}. */
    private void storedLinks(Iterator<String> anonymousIds, Map<String, String> users) {
        Set<String> part = new LinkedHashSet<>();
        while (anonymousIds.hasNext()) {
            part.add(anonymousIds.next());
            if (part.size() == IN_LIST || !anonymousIds.hasNext()) {
                db.forEach("SELECT anonymous_id, user_id FROM ls_identity WHERE anonymous_id IN "
                        + placeholders(part.size()), List.copyOf(part), rs -> users.put(rs.getString(1),
                        rs.getString(2)));
                part.clear();
            }
        }
    }

    /**
     * One customer's facts to store, in time order, and their segment when it was encoded ahead
     * ({@link FactSegment#encode}; null when not).
     */
    record NewFacts(List<StoredFact> facts, byte[] segment) {

        /** Facts of one customer with no segment encoded ahead. */
        NewFacts(List<StoredFact> facts) {
            this(facts, null);
        }

        /** The customer whose facts these are. */
        String customerId() {
            return facts.get(0).customerId();
        }

        /** The segment of those of the facts that are new: the one encoded ahead when they all are. */
        byte[] segmentOf(List<StoredFact> fresh) {
            return segment != null && fresh.size() == facts.size() ? segment : FactSegment.encode(fresh);
        }
    }

    /**
     * Stores customers' facts, customers in id order; facts of a customer stored before are skipped. Saves the
     * source's position too, unless it is null.
     *
     * @param unlistedBefore whether the store may have held facts of customers without a row when the import began
     * @return how many facts were new
     */
    int storeSorted(String source, List<NewFacts> customers, boolean unlistedBefore, String position, long now) {
        return inTransaction("store facts of source '" + source + "'", () -> {
            if (url().startsWith("jdbc:postgresql:")) {
                // The driver prepares a statement on the server after a few executions, and the server then keeps a
                // plan made with the statistics of that moment: during a first import, those of an empty customer
                // table, so each look-up of a hundred ids scanned the whole growing table (52 of 72 s of storing
                // 100,000 customers' facts). Plans made for the values, in this transaction only.
                db.update("SET LOCAL plan_cache_mode = force_custom_plan");
            }
            int stored = storeNew(customers, unlistedBefore, now).values().stream().mapToInt(List::size).sum();
            if (position != null) {
                savePosition(source, position, now);
            }
            return stored;
        });
    }

    private String canonicalId(Fact fact) throws SQLException {
        if (fact instanceof Event event && event.userId() == null) {
            String user = linkedUser(event.anonymousId());
            return user == null ? event.anonymousId() : user;
        }
        return fact.customerId();
    }

    private String linkedUser(String anonymousId) throws SQLException {
        String cached = linkCache.get(anonymousId);
        if (cached != null) {
            return cached;
        }
        List<String> users = db.list("SELECT user_id FROM ls_identity WHERE anonymous_id = ?", List.of(anonymousId),
                rs -> rs.getString(1));
        if (!users.isEmpty()) {
            linkCache.put(anonymousId, users.get(0));
        }
        return users.isEmpty() ? null : users.get(0);
    }

    /**
     * Stores each customer's new facts (each list one customer's, in time order) as a new segment, leaving out those
     * whose key the customer has stored, and makes each customer with a new fact due from it. A customer who would
     * have {@value #SEGMENTS_MERGED_AT} segments gets one instead, with every fact of theirs: a customer's facts are
     * read whole at each evaluation, and many small rows cost more to read than their bytes.
     *
     * @param unlisted whether customers without a row may have stored facts: theirs are read too, not only those of
     *                 the customers with a row
     * @return the facts stored, by customer
     */
    private Map<String, List<StoredFact>> storeNew(List<NewFacts> customers, boolean unlisted, long now)
            throws SQLException {
        List<String> ids = customers.stream().map(NewFacts::customerId).toList();
        Set<String> known = existing("SELECT customer_id FROM ls_customer WHERE customer_id IN", ids);
        Map<String, List<Segment>> stored = segments(unlisted ? ids : known);
        Map<String, List<StoredFact>> added = new LinkedHashMap<>();
        Map<String, Long> earliest = new LinkedHashMap<>();
        try (PreparedStatement insert = db.prepare(FactSegment.INSERT);
             PreparedStatement merged = db.prepare(
                     "DELETE FROM ls_fact_segment WHERE customer_id = ? AND segment_no < ?")) {
            for (NewFacts customer : customers) {
                String id = customer.customerId();
                List<Segment> segments = stored.getOrDefault(id, List.of());
                Set<String> keys = new HashSet<>();
                segments.forEach(segment -> segment.facts().forEach(fact -> keys.add(fact.key())));
                List<StoredFact> fresh = customer.facts().stream().filter(fact -> !keys.contains(fact.key()))
                        .toList();
                if (fresh.isEmpty()) {
                    continue;
                }
                added.put(id, fresh);
                long first = fresh.get(0).occurredAt();
                if (!known.contains(id)) {
                    // Facts stored without a row ({@link #leaveNewCustomersUnlisted}) were never evaluated either.
                    for (Segment segment : segments) {
                        for (StoredFact fact : segment.facts()) {
                            first = Math.min(first, fact.occurredAt());
                        }
                    }
                }
                earliest.put(id, first);
                int number = segments.stream().mapToInt(Segment::number).max().orElse(0) + 1;
                if (segments.size() + 1 >= SEGMENTS_MERGED_AT) {
                    List<StoredFact> all = new ArrayList<>(fresh);
                    segments.forEach(segment -> all.addAll(segment.facts()));
                    all.sort(StoredFact.TIME_ORDER);
                    bind(merged, id, number);
                    merged.addBatch();
                    FactSegment.bind(insert, id, number, all, now);
                } else {
                    FactSegment.bind(insert, id, number, fresh.size(), customer.segmentOf(fresh), now);
                }
                insert.addBatch();
            }
            merged.executeBatch();
            insert.executeBatch();
        }
        markDue(earliest, known);
        return added;
    }

    /** One stored segment of a customer's facts: its number and its facts. */
    private record Segment(int number, List<StoredFact> facts) {
    }

    /** The stored segments of these customers, by customer. */
    private Map<String, List<Segment>> segments(Collection<String> customers) throws SQLException {
        Map<String, List<Segment>> segments = new HashMap<>();
        List<String> all = new ArrayList<>(customers);
        for (int from = 0; from < all.size(); from += IN_LIST) {
            List<String> part = all.subList(from, Math.min(all.size(), from + IN_LIST));
            db.forEach("SELECT customer_id, segment_no, body FROM ls_fact_segment WHERE customer_id IN "
                    + placeholders(part.size()), part, rs -> segments
                    .computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                    .add(new Segment(rs.getInt(2), FactSegment.decode(rs.getString(1), rs.getBytes(3)))));
        }
        return segments;
    }

    /**
     * Makes customers due from the instants given (their earliest new fact, or stored fact for one without a row);
     * {@code known} are those with a row. The others get one, unless this instance
     * {@linkplain #leaveNewCustomersUnlisted leaves them unlisted}: then the store is marked.
     */
    private void markDue(Map<String, Long> earliest, Set<String> known) throws SQLException {
        try (PreparedStatement due = db.prepare("UPDATE ls_customer SET next_check_at = ?"
                + " WHERE customer_id = ? AND (next_check_at IS NULL OR next_check_at > ?)");
             PreparedStatement insert = db.prepare("INSERT INTO ls_customer (customer_id,"
                     + " evaluated_as_of, next_check_at, purchases, revenue, rfm_recency, rfm_frequency,"
                     + " rfm_monetary, value_tier) VALUES (?, 0, ?, 0, 0, 0, 0, 0, 'none')")) {
            boolean unlisted = false;
            for (Map.Entry<String, Long> customer : earliest.entrySet()) {
                if (known.contains(customer.getKey())) {
                    bind(due, customer.getValue(), customer.getKey(), customer.getValue());
                    due.addBatch();
                } else if (leaveNewCustomersUnlisted) {
                    unlisted = true;
                } else {
                    bind(insert, customer.getKey(), customer.getValue());
                    insert.addBatch();
                }
            }
            due.executeBatch();
            insert.executeBatch();
            if (unlisted) {
                db.update("UPDATE ls_history SET unlisted_customers = TRUE WHERE id = 1");
            }
        }
    }

    private void savePosition(String source, String position, long now) throws SQLException {
        if (db.update("UPDATE ls_source_position SET position = ?, committed_at = ? WHERE source_name = ?",
                position, now, source) == 0) {
            db.update("INSERT INTO ls_source_position (source_name, position, committed_at) VALUES (?, ?, ?)",
                    source, position, now);
        }
    }

    /**
     * Whether the store's schema history ends, successfully, at {@link #SCHEMA_VERSION}. A new store has no history,
     * and a store another version of Lifestage migrated has another end: Flyway creates, upgrades or refuses those.
     */
    private static boolean atSchemaVersion(StoreConnection db) {
        try {
            return db.inTransaction("LS-STORE-0001", "read the schema history", () -> db.select(
                    "SELECT \"version\", \"success\" FROM \"ls_schema_history\""
                            + " ORDER BY \"installed_rank\" DESC FETCH FIRST 1 ROWS ONLY",
                    rs -> rs.getBoolean(2) ? rs.getString(1) : "failed")).equals(List.of(SCHEMA_VERSION));
        } catch (StoreException noHistory) {
            return false;
        }
    }

    /**
     * Whether any customer is due for evaluation as of an instant, or may be: customers without a row are due
     * ({@link #leaveNewCustomersUnlisted}). Reads two rows at most.
     */
    public boolean anyDue(Instant asOf) {
        return unlistedMarked() || !db.list("SELECT 1 FROM ls_customer WHERE next_check_at <= ?"
                + " FETCH FIRST 1 ROWS ONLY", List.of(asOf.toEpochMilli()), rs -> 1).isEmpty();
    }

    /** The ids of the customers due for evaluation as of an instant, in id order. */
    public List<String> dueCustomers(Instant asOf) {
        return db.list("SELECT customer_id FROM ls_customer WHERE next_check_at <= ?"
                + (unlistedMarked() ? " UNION " + UNLISTED : "") + " ORDER BY 1", List.of(asOf.toEpochMilli()),
                rs -> rs.getString(1));
    }

    /** The buyers of the customers not due as of an instant, as their last evaluation saw them. */
    public List<RfmScales.Buyer> buyersNotDue(Instant asOf) {
        return db.list("SELECT last_purchase_at, purchases, revenue FROM ls_customer WHERE purchases > 0"
                + " AND (next_check_at IS NULL OR next_check_at > ?)", List.of(asOf.toEpochMilli()),
                rs -> new RfmScales.Buyer(rs.getLong(1), rs.getInt(2), rs.getDouble(3)));
    }

    /** The as-of instant of the latest run; empty before the first. */
    public Optional<Instant> lastRunAsOf() {
        Long latest = db.list("SELECT MAX(as_of) FROM ls_run", List.of(), rs -> rs.getObject(1, Long.class)).get(0);
        return Optional.ofNullable(latest).map(Instant::ofEpochMilli);
    }

    /**
     * Hands every stored fact of these customers to {@code facts}: one group per customer, in the order given (empty
     * for a customer with none), each group in time order.
     */
    public void facts(List<String> customers, Consumer<List<Fact>> facts) {
        facts(customers, Set.of(), (name, at) -> true, facts);
    }

    /**
     * Hands the stored facts of these customers to {@code facts} as {@link #facts(List, Consumer)} does, only those
     * of events with these names (all facts when there are none), and with their properties and traits only where
     * {@code withMaps} wants them.
     */
    public void facts(List<String> customers, Set<String> eventNames, MapsWanted withMaps,
                      Consumer<List<Fact>> facts) {
        String select = "SELECT customer_id, body FROM ls_fact_segment WHERE ";
        String order = " ORDER BY customer_id, segment_no";
        inTransaction("read facts", () -> {
            if (customers.isEmpty()) {
                return null;
            }
            for (List<String> part : readParts(customers)) {
                Map<String, List<StoredFact>> byCustomer = new LinkedHashMap<>();
                part.forEach(id -> byCustomer.put(id, new ArrayList<>()));
                Map<String, Integer> segmentCounts = new HashMap<>();
                for (Map.Entry<String, byte[]> segment : db.list(select + idsOf(part) + order, idParameters(part),
                        rs -> Map.entry(rs.getString(1), rs.getBytes(2)))) {
                    List<StoredFact> group = byCustomer.get(segment.getKey());
                    if (group != null) {
                        group.addAll(FactSegment.decode(segment.getKey(), segment.getValue(),
                                name -> eventNames.isEmpty() || eventNames.contains(name), withMaps));
                        segmentCounts.merge(segment.getKey(), 1, Integer::sum);
                    }
                }
                byCustomer.forEach((customer, stored) -> {
                    if (segmentCounts.getOrDefault(customer, 0) > 1) {
                        stored.sort(StoredFact.TIME_ORDER);
                    }
                    facts.accept(stored.stream().map(StoredFact::toFact).toList());
                });
            }
            return null;
        });
    }

    /**
     * The customers in parts of one query each, so many at a time that the rows of a bounded number of customers are
     * in memory at once: a part of up to {@value #RANGE} customers read as one range of ids when they are dense
     * ({@link #isDense}), as a first run's are, else parts of {@value #IN_LIST} read as a list. A range may hold
     * customers not asked for: readers keep only those of the part. See {@link #idsOf} and {@link #idParameters}.
     */
    private List<List<String>> readParts(List<String> customers) {
        List<List<String>> parts = new ArrayList<>();
        for (int from = 0; from < customers.size(); from += RANGE) {
            List<String> slice = customers.subList(from, Math.min(customers.size(), from + RANGE));
            if (isDense(slice)) {
                parts.add(slice);
            } else {
                for (int at = 0; at < slice.size(); at += IN_LIST) {
                    parts.add(slice.subList(at, Math.min(slice.size(), at + IN_LIST)));
                }
            }
        }
        return parts;
    }

    /** The condition on {@code customer_id} that reads a part of {@link #readParts}. */
    private static String idsOf(List<String> part) {
        return part.size() > IN_LIST ? "customer_id BETWEEN ? AND ?" : "customer_id IN " + placeholders(part.size());
    }

    /** The parameters of {@link #idsOf} for a part. */
    private static List<String> idParameters(List<String> part) {
        return part.size() > IN_LIST ? List.of(part.get(0), part.get(part.size() - 1)) : part;
    }

    /**
     * Whether the customers are better read as one range of ids than by {@code IN} lists: on H2 (which checks every
     * row found through an {@code IN} list against the whole list again; PostgreSQL hashes it), when they come in id
     * order and make up at least half of the customers between the first and the last — as in a first run, where
     * every customer is due.
     */
    private boolean isDense(List<String> customers) {
        if (customers.size() <= IN_LIST || !onH2()) {
            return false;
        }
        for (int i = 1; i < customers.size(); i++) {
            if (customers.get(i - 1).compareTo(customers.get(i)) >= 0) {
                return false;
            }
        }
        // Counts no further than it needs to: sparse customers may span most of the store.
        long most = 2L * customers.size();
        long between = db.list("SELECT COUNT(*) FROM (SELECT 1 FROM ls_customer WHERE customer_id BETWEEN ? AND ?"
                + " FETCH FIRST " + (most + 1) + " ROWS ONLY) AS range_rows",
                List.of(customers.get(0), customers.get(customers.size() - 1)), rs -> rs.getLong(1)).get(0);
        return between <= most;
    }

    /** The current rows of these customers, by id, read in the parts {@link #readParts} makes. */
    public Map<String, CustomerState> states(List<String> customers) {
        Set<String> wanted = new HashSet<>(customers);
        Map<String, CustomerState> states = new HashMap<>();
        for (List<String> part : readParts(customers)) {
            db.forEach("SELECT customer_id, stage, stage_since, evaluated_as_of FROM ls_customer WHERE " + idsOf(part),
                    idParameters(part), rs -> {
                        if (wanted.contains(rs.getString(1))) {
                            states.put(rs.getString(1), CustomerState.fromMillis(rs.getString(1), rs.getString(2),
                                    rs.getLong(3), rs.getLong(4)));
                        }
                    });
        }
        return states;
    }

    /** Stores a chunk of evaluations and their transitions in one transaction. */
    public void save(List<Evaluation> evaluations, long runId) {
        save(evaluations, runId, Set.of());
    }

    /**
     * Stores evaluations and their transitions in the transactions the database writes best: one on PostgreSQL, where
     * each commit waits for the disk; on H2, parts of about {@value #H2_ROWS_PER_TRANSACTION} rows, each customer's
     * whole, since H2 writes a larger transaction's pages twice. A failure leaves the parts before it stored: their
     * customers are no longer due, the others still are.
     */
    public void saveInParts(List<Evaluation> evaluations, long runId) {
        if (!onH2()) {
            save(evaluations, runId);
            return;
        }
        int from = 0;
        int rows = 0;
        for (int i = 0; i < evaluations.size(); i++) {
            Evaluation e = evaluations.get(i);
            rows += 1 + e.transitions().size() + e.actions().size();
            if (rows >= H2_ROWS_PER_TRANSACTION || i == evaluations.size() - 1) {
                save(evaluations.subList(from, i + 1), runId);
                from = i + 1;
                rows = 0;
            }
        }
    }

    /**
     * Stores a chunk of evaluations and their transitions in one transaction, and leaves the customers of
     * {@code stillDue} due at once: facts of theirs arrived while they were evaluated. A customer without a row gets
     * one when the store holds facts of theirs ({@link #leaveNewCustomersUnlisted}); one whose row and facts are gone
     * (erased, or an anonymous id an identify call merged into a user meanwhile) is not stored again.
     */
    public void save(List<Evaluation> evaluations, long runId, Set<String> stillDue) {
        inTransaction("store evaluations", () -> {
            try (PreparedStatement transition = db.prepare("INSERT INTO ls_transition"
                         + " (transition_id, customer_id, from_stage, to_stage, occurred_at, rule_name, reason,"
                         + " rule_base_version, actions, policy, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement due = db.prepare(
                         "UPDATE ls_customer SET next_check_at = 0 WHERE customer_id = ?")) {
                Map<String, CustomerState> before = states(evaluations.stream().map(Evaluation::customerId)
                        .toList());
                int[] updated = saveCustomers(evaluations, before);
                Map<String, Long> moved = new HashMap<>();
                for (int i = 0; i < evaluations.size(); i++) {
                    Evaluation e = evaluations.get(i);
                    CustomerState was = before.getOrDefault(e.customerId(), CustomerState.unevaluated(e.customerId()));
                    if (updated[i] > 0 && !Objects.equals(was.stage(), e.stage())) {
                        moved.merge(was.stage(), -1L, Long::sum);
                        moved.merge(e.stage(), 1L, Long::sum);
                    }
                }
                countStages(db, moved);
                // A customer never evaluated nor given a stage has no stored transition: a first run looks up none.
                Set<String> stored = existing("SELECT transition_id FROM ls_transition WHERE customer_id IN",
                        evaluations.stream().filter(e -> hadHistory(before.get(e.customerId())))
                                .map(Evaluation::customerId).toList());
                long earliest = Long.MAX_VALUE;
                for (int i = 0; i < evaluations.size(); i++) {
                    if (updated[i] == 0) {
                        continue;
                    }
                    for (Transition t : evaluations.get(i).transitions()) {
                        if (stored.add(t.id())) {
                            earliest = Math.min(earliest, t.at().toEpochMilli());
                            bind(transition, t.id(), t.customerId(), t.from(), t.to(), t.at().toEpochMilli(),
                                    t.rule(), t.reason(), t.ruleBaseVersion(), String.join(",", t.actions()),
                                    t.policy().name(), runId);
                            transition.addBatch();
                        }
                    }
                }
                transition.executeBatch();
                if (earliest != Long.MAX_VALUE) {
                    db.update("UPDATE ls_history SET first_move_at = ? WHERE id = 1"
                            + " AND (first_move_at IS NULL OR first_move_at > ?)", earliest, earliest);
                }
                saveActions(evaluations, updated, before, runId);
                for (String id : stillDue) {
                    due.setString(1, id);
                    due.addBatch();
                }
                due.executeBatch();
            }
            return null;
        });
    }

    /**
     * Updates the row of each evaluated customer who has one ({@code before}), and inserts one for each who has none
     * and whose facts the store holds ({@link #leaveNewCustomersUnlisted}). An instance that leaves new customers
     * unlisted, the only user of its store, does not look their facts up: it evaluated them because their facts are
     * there, and nothing else can have erased them since.
     *
     * @return for each evaluation, in order, how many rows were written: 0 for a customer whose row and facts are gone
     */
    private int[] saveCustomers(List<Evaluation> evaluations, Map<String, CustomerState> before) throws SQLException {
        List<String> withoutRow = evaluations.stream().map(Evaluation::customerId)
                .filter(id -> !before.containsKey(id)).toList();
        Set<String> unlisted = withoutRow.isEmpty() || !unlistedMarked() ? Set.of()
                : leaveNewCustomersUnlisted ? Set.copyOf(withoutRow)
                : withStoredFacts(withoutRow);
        int[] written = new int[evaluations.size()];
        try (PreparedStatement update = db.prepare("UPDATE ls_customer SET " + String.join(" = ?, ", SAVED_COLUMNS)
                + " = ? WHERE customer_id = ?");
             PreparedStatement insert = db.prepare("INSERT INTO ls_customer (" + String.join(", ", SAVED_COLUMNS)
                     + ", customer_id) VALUES (" + placeholders(SAVED_COLUMNS.size() + 1).substring(1))) {
            List<Integer> updated = new ArrayList<>();
            List<Integer> inserted = new ArrayList<>();
            for (int i = 0; i < evaluations.size(); i++) {
                Evaluation e = evaluations.get(i);
                PreparedStatement row = before.containsKey(e.customerId()) ? update
                        : unlisted.contains(e.customerId()) ? insert : null;
                if (row != null) {
                    bindCustomer(row, e);
                    row.addBatch();
                    (row == update ? updated : inserted).add(i);
                }
            }
            spread(update.executeBatch(), updated, written);
            spread(insert.executeBatch(), inserted, written);
        }
        return written;
    }

    /** Puts each of a batch's counts at the index of the evaluation its statement was for. */
    private static void spread(int[] counts, List<Integer> indexes, int[] written) {
        for (int k = 0; k < counts.length; k++) {
            written[indexes.get(k)] = counts[k];
        }
    }

    /** Stores the actions of the evaluations whose customer row was updated, each id once, marking those held out. */
    private void saveActions(List<Evaluation> evaluations, int[] updated, Map<String, CustomerState> before,
                             long runId) throws SQLException {
        List<String> fired = evaluations.stream().filter(e -> !e.actions().isEmpty())
                .filter(e -> hadHistory(before.get(e.customerId()))).map(Evaluation::customerId).toList();
        Set<String> stored = existing("SELECT action_id FROM ls_action WHERE customer_id IN", fired);
        try (PreparedStatement action = db.prepare("INSERT INTO ls_action (action_id, customer_id, action, channel,"
                + " occurred_at, cause, run_id, held_out) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < evaluations.size(); i++) {
                if (updated[i] == 0) {
                    continue;
                }
                Evaluation e = evaluations.get(i);
                for (ActionFired a : e.actions()) {
                    if (stored.add(a.id())) {
                        bind(action, a.id(), a.customerId(), a.action(), a.channel(), a.at().toEpochMilli(),
                                a.cause(), runId, e.heldOut().contains(a.id()));
                        action.addBatch();
                    }
                }
            }
            action.executeBatch();
        }
    }

    /**
     * An action made for a customer, as the store keeps it: without its payload, which holds personal data and is made
     * again from the customer's facts when the action is due.
     *
     * @param id         the action's id, as {@link ActionFired#id()}
     * @param customerId the customer
     * @param action     the action's name in the rule pack
     * @param channel    its channel, or null when the pack declares none
     * @param at         when it was due
     * @param cause      {@code journey:<name>} or {@code transition:<id>}
     * @param heldOut    whether the customer was held out of it (the action's control group): made and recorded, but
     *                   handed to no sink
     */
    public record StoredAction(String id, String customerId, String action, String channel, Instant at, String cause,
                               boolean heldOut) {
    }

    /**
     * Every action made for a customer, oldest first: those handed out and those the customer was held out of.
     */
    public List<StoredAction> actions(String customerId) {
        return db.list("SELECT action_id, customer_id, action, channel, occurred_at, cause, held_out FROM ls_action"
                + " WHERE customer_id = ? ORDER BY occurred_at, action_id", List.of(customerId),
                rs -> new StoredAction(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6), rs.getBoolean(7)));
    }

    /** Whether a customer's row may have transitions stored: they were evaluated, or given a stage by a merge. */
    private static boolean hadHistory(CustomerState state) {
        return state != null && (state.evaluated() || state.stage() != null);
    }

    private static void bindCustomer(PreparedStatement customer, Evaluation e) throws SQLException {
        CustomerMetrics m = e.metrics();
        boolean decided = e.decision() != null;
        long asOf = e.asOf().toEpochMilli();
        bind(customer, e.stage(), e.stage() == null ? null : e.stageSince().toEpochMilli(),
                decided ? e.decision().rule() : null, decided ? e.decision().reason() : null,
                decided ? e.decision().ruleBaseVersion() : null, asOf,
                e.nextCheckAt() == null ? null : e.nextCheckAt().toEpochMilli(),
                m == null || m.lastSeen() == null ? null : m.lastSeen().toEpochMilli(),
                m == null ? 0 : m.orders() + m.subscriptionStarts(), m == null ? 0.0 : m.revenue(),
                m == null || m.daysSinceLastPurchase() == CustomerMetrics.NEVER ? null
                        : asOf - m.daysSinceLastPurchase() * Days.MILLIS,
                m == null ? 0 : m.recencyScore(), m == null ? 0 : m.frequencyScore(),
                m == null ? 0 : m.monetaryScore(), m == null ? "none" : m.valueTier(), e.orders().orders(),
                e.orders().orderAmount(), e.orders().revenue(), e.orders().firstPurchaseAt(), e.customerId());
    }

    /** Adds a finished run to the run history; its id was chosen by {@link #nextRunId()}. */
    public void recordRun(RunRecord run) {
        inTransaction("record the run", () -> db.update("INSERT INTO ls_run (run_id, started_at, finished_at, as_of,"
                        + " facts_read, facts_new, rejects, customers_evaluated, transitions, rule_base_version)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", run.id(), run.startedAt().toEpochMilli(),
                run.finishedAt().toEpochMilli(), run.asOf().toEpochMilli(), run.factsRead(), run.factsStored(),
                run.rejects(), run.customersEvaluated(), run.transitions(), run.ruleBaseVersion()));
    }

    /** An id for a new run: one more than the latest recorded. */
    public long nextRunId() {
        return db.list("SELECT COALESCE(MAX(run_id), 0) + 1 FROM ls_run", List.of(), rs -> rs.getLong(1)).get(0);
    }

    /** Customers per current stage (customers with none yet are not counted). */
    public Map<String, Long> stageCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        db.forEach("SELECT stage, customers FROM ls_stage_count WHERE customers > 0 ORDER BY stage", List.of(),
                rs -> counts.put(rs.getString(1), rs.getLong(2)));
        return counts;
    }

    /**
     * Adds these numbers of customers to the counts of their stages (a null stage is not counted), in the
     * transaction under way; every change of {@code ls_customer.stage} and every deletion of a row with a stage goes
     * with one, so that {@link #stageCounts} reads a row per stage.
     */
    static void countStages(StoreConnection db, Map<String, Long> customersByStage) throws SQLException {
        try (PreparedStatement add = db.prepare("UPDATE ls_stage_count SET customers = customers + ? WHERE stage = ?");
             PreparedStatement first = db.prepare("INSERT INTO ls_stage_count (stage, customers) VALUES (?, ?)")) {
            for (Map.Entry<String, Long> change : customersByStage.entrySet()) {
                if (change.getKey() == null || change.getValue() == 0) {
                    continue;
                }
                bind(add, change.getValue(), change.getKey());
                if (add.executeUpdate() == 0) {
                    bind(first, change.getKey(), change.getValue());
                    first.executeUpdate();
                }
            }
        }
    }

    /** Every transition of a customer, oldest first. */
    public List<Transition> history(String customerId) {
        return db.list("SELECT transition_id, customer_id, from_stage, to_stage, occurred_at, rule_name, reason,"
                + " rule_base_version, actions, policy FROM ls_transition WHERE customer_id = ?"
                + " ORDER BY occurred_at, transition_id", List.of(customerId), StageStore::transition);
    }

    private static Transition transition(ResultSet rs) throws SQLException {
        String actions = rs.getString(9);
        return new Transition(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6), rs.getString(7), rs.getString(8),
                actions.isEmpty() ? List.of() : List.of(actions.split(",")),
                Transition.Policy.valueOf(rs.getString(10)));
    }

    /** A customer's current stage, if they have one. */
    public Optional<CustomerStage> stage(String customerId) {
        return db.list(CUSTOMER_STAGE + " WHERE customer_id = ? AND stage IS NOT NULL", List.of(customerId),
                StageStore::customerStage).stream().findFirst();
    }

    /** The customers in a stage now, by id: those after {@code after} (null: from the first), at most {@code limit}. */
    public List<CustomerStage> inStage(String stage, String after, int limit) {
        return db.list(CUSTOMER_STAGE + " WHERE stage = ? AND customer_id > ? ORDER BY customer_id FETCH FIRST "
                + limit + " ROWS ONLY", List.of(stage, after == null ? "" : after), StageStore::customerStage);
    }

    private static final String CUSTOMER_STAGE = "SELECT customer_id, stage, stage_since, rule_name, reason,"
            + " rule_base_version, evaluated_as_of FROM ls_customer";

    private static CustomerStage customerStage(ResultSet rs) throws SQLException {
        return new CustomerStage(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                rs.getString(4), rs.getString(5), rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)));
    }

    /**
     * Erases a customer in one transaction: their facts (also those of the anonymous ids linked to them), identity
     * links, current row and transitions, with the stage counts kept right; records the erasure, with
     * {@code subjectHash} in place of the id, when the store knew the customer.
     *
     * @param subjectHash a digest of the id that proves the erasure of a known id without keeping the id
     * @param erasedIds   given the ids whose rows were deleted (the customer's and their linked anonymous ids), when
     *                    there were any: what {@link FileCompaction#rowsDeleted} checks the compacted file for
     */
    public Lifestage.Erasure erase(String customerId, String subjectHash, Instant at,
                                   Consumer<List<String>> erasedIds) {
        Lifestage.Erasure erasure = inTransaction("LS-STORE-0010", "erase a customer",
                () -> Erasure.erase(db, customerId, subjectHash, at.toEpochMilli(), erasedIds));
        linkCache.clear();
        return erasure;
    }

    /** The subject digests of every erasure recorded. */
    public List<String> erasedSubjects() {
        return db.list("SELECT subject_hash FROM ls_erasure", List.of(), rs -> rs.getString(1));
    }

    // --- the recorded history, for reports: each read ends its transaction ----------------------------------------

    /** Moves that changed a customer's stage: all but the refused ones. */
    private static final String APPLIED = "policy <> 'REFUSED'";

    /** Takes the applied transitions {@link #appliedMoves} reads, one at a time. */
    @FunctionalInterface
    public interface MoveReader {

        /** A customer moved from {@code from} (null for their first stage) to {@code to} at an instant. */
        void move(String customerId, String from, String to, Instant at);
    }

    /**
     * Hands every applied transition (all but the refused ones) to {@code reader} as it is read, in customer and time
     * order, of two at the same instant the smaller transition id first, as {@link #history} orders them; never more
     * than a few thousand of them in memory.
     */
    public void appliedMoves(MoveReader reader) {
        db.stream("SELECT customer_id, from_stage, to_stage, occurred_at FROM ls_transition WHERE " + APPLIED
                        + " ORDER BY customer_id, occurred_at, transition_id",
                rs -> reader.move(rs.getString(1), rs.getString(2), rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4))));
    }

    /** Takes the stored facts {@link #allFacts} reads, one customer at a time. */
    @FunctionalInterface
    public interface FactReader {

        /** One customer's stored facts, in time order (never empty). */
        void facts(String customerId, List<Fact> facts);
    }

    /**
     * Hands every customer's stored facts to {@code reader}, one customer at a time in id order, each customer's in
     * time order: one streaming read of the fact segments, with one customer's facts in memory at a time. Only events
     * named in {@code withProperties} come with their properties and traits; the others with empty maps, which saves
     * parsing them.
     */
    public void allFacts(Set<String> withProperties, FactReader reader) {
        CustomerFacts groups = new CustomerFacts(withProperties, reader);
        db.stream("SELECT customer_id, body FROM ls_fact_segment ORDER BY customer_id, segment_no",
                rs -> groups.take(rs.getString(1), rs.getBytes(2)));
        groups.end();
    }

    /** Gathers the segments of one customer, read in customer order, into one list in time order. */
    private static final class CustomerFacts {
        private final Set<String> withProperties;
        private final FactReader reader;
        private final List<StoredFact> facts = new ArrayList<>();
        private String customer;
        private int segments;

        CustomerFacts(Set<String> withProperties, FactReader reader) {
            this.withProperties = withProperties;
            this.reader = reader;
        }

        void take(String customerId, byte[] body) {
            if (!customerId.equals(customer)) {
                end();
                customer = customerId;
            }
            segments++;
            facts.addAll(FactSegment.decode(customerId, body, name -> true,
                    MapsWanted.named(withProperties::contains)));
        }

        void end() {
            if (!facts.isEmpty()) {
                if (segments > 1) {
                    facts.sort(StoredFact.TIME_ORDER);
                }
                reader.facts(customer, facts.stream().map(StoredFact::toFact).toList());
            }
            facts.clear();
            segments = 0;
        }
    }

    /**
     * A customer's first action of a name in a period, and whether they were held out of it.
     *
     * @param customerId the customer
     * @param action     the action's name
     * @param at         when the first one in the period was due
     * @param heldOut    whether the customer was held out of that one (the action's control group)
     */
    public record ActionExposure(String customerId, String action, Instant at, boolean heldOut) {
    }

    /**
     * The first action of each of these names each customer was due after {@code from} up to and including
     * {@code to}, in customer order: one grouped read of the stored actions.
     */
    public List<ActionExposure> firstActions(Set<String> actions, Instant from, Instant to) {
        if (actions.isEmpty()) {
            return List.of();
        }
        List<Object> parameters = new ArrayList<>(List.of(from.toEpochMilli(), to.toEpochMilli()));
        parameters.addAll(actions);
        List<ActionExposure> groups = endingRead("SELECT customer_id, action, MIN(occurred_at), held_out FROM ls_action"
                + " WHERE occurred_at > ? AND occurred_at <= ? AND action IN " + placeholders(actions.size())
                + " GROUP BY customer_id, action, held_out ORDER BY customer_id, action, MIN(occurred_at)", parameters,
                rs -> new ActionExposure(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                        rs.getBoolean(4)));
        // A customer is in one group of an action unless its holdout changed meanwhile: their first action decides.
        List<ActionExposure> first = new ArrayList<>(groups.size());
        for (ActionExposure group : groups) {
            ActionExposure previous = first.isEmpty() ? null : first.get(first.size() - 1);
            if (previous == null || !previous.customerId().equals(group.customerId())
                    || !previous.action().equals(group.action())) {
                first.add(group);
            }
        }
        return first;
    }

    /** Every stage a recorded transition moved a customer into, refused moves included. */
    public List<String> stagesInHistory() {
        return endingRead("SELECT DISTINCT to_stage FROM ls_transition", List.of(), rs -> rs.getString(1));
    }

    /** The as-of instant of every recorded run, oldest first, without repeats. */
    public List<Instant> runInstants() {
        return endingRead("SELECT DISTINCT as_of FROM ls_run ORDER BY as_of", List.of(),
                rs -> Instant.ofEpochMilli(rs.getLong(1)));
    }

    /** The instant of the earliest recorded transition, if any. */
    public Optional<Instant> firstTransitionAt() {
        return endingRead("SELECT first_move_at FROM ls_history", List.of(), rs -> {
            long at = rs.getLong(1);
            return rs.wasNull() ? null : Instant.ofEpochMilli(at);
        }).stream().filter(Objects::nonNull).findFirst();
    }

    /**
     * How many customers now in a stage have these RFM scores and value tier, as their last evaluation left them, and
     * what their orders are worth.
     *
     * @param recency       0 for never bought, else 1 to 5; so {@code frequency} and {@code monetary}
     * @param valueTier     small, medium, large or none
     * @param revenue       the sum of those customers' order revenue (less refunds)
     * @param annualRevenue the sum of their order revenue per year since their first purchase (one year at least)
     *                      as of the instant asked about: their lifetime values ÷ the lifetime-value years
     */
    public record ScoreCount(String stage, int recency, int frequency, int monetary, String valueTier,
                             long customers, double revenue, double annualRevenue) {
    }

    /** The orders {@link #ranked} sorts a stage's customers in. */
    public enum Ranking {
        /** Most revenue (of orders, less refunds) first. */
        REVENUE("revenue", "order_revenue DESC"),
        /**
         * Highest lifetime value as of the instant asked about first: order revenue per year since the first purchase
         * (one at least, whole days as {@link io.lifestage.engine.metrics.OrderValue#lifetimeValue}), which orders
         * customers as the lifetime value does whatever its years.
         */
        LIFETIME_VALUE("clv", ANNUAL_REVENUE + " DESC"),
        /**
         * Highest sum of the three RFM scores as of the instant asked about first, scored against the population's
         * scales as of that instant (see {@link #ranked}).
         */
        RFM("rfm", null),
        /** Longest in the stage first. */
        TIME_IN_STAGE("time", "stage_since ASC");

        private final String label;
        private final String orderBy;

        Ranking(String label, String orderBy) {
            this.label = label;
            this.orderBy = orderBy;
        }

        /** The ranking of this name ({@code revenue}, {@code clv}, {@code rfm} or {@code time}), if there is one. */
        public static Optional<Ranking> named(String name) {
            return Arrays.stream(values()).filter(ranking -> ranking.label.equals(name)).findFirst();
        }

        /** The names rankings go by, as {@link #named} takes them. */
        public static List<String> names() {
            return Arrays.stream(values()).map(ranking -> ranking.label).toList();
        }
    }

    /**
     * A customer's row as the value views read it, as their last evaluation left it.
     *
     * @param since     when they entered their stage
     * @param buyer     what the RFM scales need of them (last purchase, purchases, revenue), null when they never
     *                  bought
     * @param valueTier small, medium, large or none
     * @param orders    what their orders were worth as of the evaluation
     */
    public record CustomerValueRow(String customerId, String stage, Instant since, RfmScales.Buyer buyer,
                                   String valueTier, OrderValue orders) {
    }

    private static CustomerValueRow valueRow(ResultSet rs) throws SQLException {
        long since = rs.getLong(3);
        Instant entered = rs.wasNull() ? null : Instant.ofEpochMilli(since);
        RfmScales.Buyer buyer = rs.getInt(5) == 0 ? null
                : new RfmScales.Buyer(rs.getLong(4), rs.getInt(5), rs.getDouble(6));
        long first = rs.getLong(11);
        return new CustomerValueRow(rs.getString(1), rs.getString(2), entered, buyer, rs.getString(7),
                new OrderValue(rs.getInt(8), rs.getDouble(9), rs.getDouble(10), rs.wasNull() ? null : first));
    }

    /**
     * The RFM scales of every customer who has bought, as their last evaluation left them (what they bought does not
     * change without new facts, which make them due), with recency measured as of {@code asOf}: one read of three
     * columns of the buyers' rows.
     */
    public RfmScales rfmScales(Instant asOf) {
        BuyerColumns buyers = new BuyerColumns();
        db.stream("SELECT last_purchase_at, purchases, revenue FROM ls_customer WHERE purchases > 0",
                rs -> buyers.add(rs.getLong(1), rs.getInt(2), rs.getDouble(3)));
        return buyers.scales(asOf.toEpochMilli());
    }

    /**
     * The customers now in a stage in the order of {@code ranking} (ties by id), as of the instant of {@code scales}
     * (only the lifetime value and the RFM scores depend on it, the scores through those scales): {@code limit} of them
     * after the first {@code offset}. One read of that stage's customer rows, sorted by the database.
     */
    public List<CustomerValueRow> ranked(String stage, Ranking ranking, RfmScales.Bounds scales, long offset,
                                         int limit) {
        List<Object> parameters = new ArrayList<>(List.of(stage));
        String orderBy = ranking.orderBy;
        if (ranking == Ranking.LIFETIME_VALUE) {
            parameters.add(scales.asOf());
        } else if (ranking == Ranking.RFM) {
            orderBy = rfmScore(scales, parameters) + " DESC";
        }
        parameters.addAll(List.of(offset, limit));
        return endingRead("SELECT " + VALUE_COLUMNS + " FROM ls_customer WHERE stage = ? ORDER BY " + orderBy
                + ", customer_id OFFSET ? ROWS FETCH FIRST ? ROWS ONLY", parameters, StageStore::valueRow);
    }

    /**
     * The sum of a customer's three RFM scores against these bounds, as {@link RfmScales#score} gives them, as an SQL
     * expression whose parameters are added to {@code parameters}: 0 for a customer who never bought, else 3 + the
     * bounds their values exceed. Recency is minus the whole days since the last purchase, so exceeding a bound
     * {@code b} is fewer whole days than {@code -b}.
     */
    private static String rfmScore(RfmScales.Bounds scales, List<Object> parameters) {
        StringBuilder sum = new StringBuilder("CASE WHEN purchases = 0 THEN 0 ELSE 3");
        for (double bound : scales.recency()) {
            sum.append(" + CASE WHEN (? - last_purchase_at) / " + Days.MILLIS + " < ? THEN 1 ELSE 0 END");
            parameters.addAll(List.of(scales.asOf(), -bound));
        }
        for (double bound : scales.frequency()) {
            sum.append(" + CASE WHEN purchases > ? THEN 1 ELSE 0 END");
            parameters.add(bound);
        }
        for (double bound : scales.monetary()) {
            sum.append(" + CASE WHEN revenue > ? THEN 1 ELSE 0 END");
            parameters.add(bound);
        }
        return sum.append(" END").toString();
    }

    /** One customer's row as the value views read it, if stored. */
    public Optional<CustomerValueRow> customerValue(String customerId) {
        return endingRead("SELECT " + VALUE_COLUMNS + " FROM ls_customer WHERE customer_id = ?", List.of(customerId),
                StageStore::valueRow).stream().findFirst();
    }

    /**
     * The customers now in each stage, by RFM scores and value tier, with their lifetime values as of {@code asOf},
     * from one aggregating read of the customers.
     */
    public List<ScoreCount> scoreCounts(Instant asOf) {
        return endingRead("SELECT stage, rfm_recency, rfm_frequency, rfm_monetary, value_tier, COUNT(*),"
                + " SUM(order_revenue), SUM(" + ANNUAL_REVENUE + ") FROM ls_customer WHERE stage IS NOT NULL"
                + " GROUP BY stage, rfm_recency, rfm_frequency, rfm_monetary, value_tier", List.of(asOf.toEpochMilli()),
                rs -> new ScoreCount(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getString(5),
                        rs.getLong(6), rs.getDouble(7), rs.getDouble(8)));
    }

    /**
     * A customer's stay in a stage.
     *
     * @param entered when they moved into it
     * @param exited  when they next moved (an applied move), possibly after the instant asked about; null if never
     */
    public record Membership(String customerId, Instant entered, Instant exited) {
    }

    /**
     * The customers in a stage at an instant, by id: those after {@code after} (null or empty: from the first), at
     * most {@code limit}. Reads the moves into the stage in customer order and stops at the end of the page.
     */
    public List<Membership> members(String stage, Instant at, String after, int limit) {
        // to_stage is the same on every row; ordering by it too lets H2 read ls_transition_stage in order and stop
        // at the end of the page instead of sorting every move into the stage.
        return endingRead("SELECT s.customer_id, s.occurred_at, (SELECT MIN(n.occurred_at) FROM ls_transition n"
                        + " WHERE n.customer_id = s.customer_id AND n." + APPLIED
                        + " AND n.occurred_at > s.occurred_at)"
                        + " FROM ls_transition s WHERE s." + APPLIED + " AND s.to_stage = ? AND s.occurred_at <= ?"
                        + " AND s.customer_id > ? AND NOT EXISTS (SELECT 1 FROM ls_transition l"
                        + " WHERE l.customer_id = s.customer_id AND l." + APPLIED + " AND l.occurred_at <= ?"
                        + " AND (l.occurred_at > s.occurred_at"
                        + " OR l.occurred_at = s.occurred_at AND l.transition_id > s.transition_id))"
                        + " ORDER BY s.to_stage, s.customer_id LIMIT ?",
                List.of(stage, at.toEpochMilli(), after == null ? "" : after, at.toEpochMilli(), limit),
                rs -> {
                    long exited = rs.getLong(3);
                    boolean stillIn = rs.wasNull();
                    return new Membership(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
                            stillIn ? null : Instant.ofEpochMilli(exited));
                });
    }

    /** The rows of a read on its own, whose transaction then ends, releasing what the database holds for it. */
    private <T> List<T> endingRead(String sql, List<?> parameters, StoreConnection.RowMapper<T> mapper) {
        try {
            return db.list(sql, parameters, mapper);
        } finally {
            db.endRead();
        }
    }

    /**
     * Gives an embedded H2 file store back the space of what was rewritten, when its file is
     * {@link #mostlyOldCopies mostly old copies}. H2 writes changed pages anew and reuses the old space only once it is
     * compacted, so runs that each rewrite the rows of the customers they evaluate grow the file with every run
     * (thirteen monthly runs over a million customers left 5.3 GB, a third of it live). A first run, whose pages are
     * written once, leaves its file mostly live (87 % for a million customers, 1.34 times its input), so that waits for
     * the run that leaves the file mostly old copies. The database is shut down and its live pages copied as they are
     * ({@link FileCompaction#copyLivePages}); compressed by H2's {@code SHUTDOWN COMPACT}, the file was about half as
     * large, but monthly runs left it less than 60 % live again most months. Closes the store. Does nothing but close
     * it on other databases.
     *
     * @return whether the store was compacted
     */
    public boolean closeCompacted() {
        restoreCustomerIndexes();
        if (!url().startsWith("jdbc:h2:file:") || !mostlyOldCopies()) {
            close();
            return false;
        }
        try {
            String path = db.list("SELECT DATABASE_PATH()", List.of(), rs -> rs.getString(1)).get(0);
            db.commitAndExecute("SHUTDOWN");
            FileCompaction.copyLivePages(path);
            return true;
        } catch (SQLException | RuntimeException e) {
            throw new StoreException("LS-STORE-0003", "cannot compact the stage store " + url() + ": " + e.getMessage(),
                    e);
        } finally {
            close();
        }
    }

    /** Whether the store is an H2 database, embedded, in memory or on a server. */
    private boolean onH2() {
        return url().startsWith("jdbc:h2:");
    }

    /**
     * Whether less than {@value #LIVE_SHARE_KEPT} % of an H2 file holds live pages (the share of the file its chunks
     * take, times the share of their bytes still live, as H2 reports them), and the rest is {@value #DEAD_BYTES_KEPT}
     * bytes or more: a small store's old copies are not worth a pause at the end of every run. A figure H2 does not
     * report as a number counts as absent.
     */
    private boolean mostlyOldCopies() {
        Map<String, Long> info = new HashMap<>();
        db.forEach("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME IN"
                + " ('info.FILL_RATE', 'info.CHUNKS_FILL_RATE', 'info.FILE_SIZE')", List.of(), rs -> {
                    String value = rs.getString(2).trim();
                    if (value.matches("\\d{1,18}")) {
                        info.put(rs.getString(1), Long.parseLong(value));
                    }
                });
        long live = info.getOrDefault("info.FILL_RATE", 100L) * info.getOrDefault("info.CHUNKS_FILL_RATE", 100L) / 100;
        long dead = info.getOrDefault("info.FILE_SIZE", 0L) / 100 * (100 - live);
        return live < LIVE_SHARE_KEPT && dead >= DEAD_BYTES_KEPT;
    }

    @Override
    public void close() {
        try {
            if (db.usable()) {
                db.rollback();
                restoreCustomerIndexes();
            }
            db.close();
        } catch (SQLException e) {
            throw new StoreException("LS-STORE-0003", "cannot close the stage store " + url() + ": " + e.getMessage(),
                    e);
        }
    }

    // --- plumbing -----------------------------------------------------------------------------------------------

    /**
     * Runs work in one transaction. The identity links cached are forgotten when it fails, and before it runs on a new
     * connection that replaces one that failed.
     */
    <T> T inTransaction(String what, StoreConnection.Work<T> work) {
        return inTransaction("LS-STORE-0002", what, work);
    }

    private <T> T inTransaction(String code, String what, StoreConnection.Work<T> work) {
        if (db.broken()) {
            linkCache.clear();
        }
        try {
            return db.inTransaction(code, what, work);
        } catch (StoreException e) {
            linkCache.clear();
            throw e;
        }
    }

    /** Those of these customers the store holds facts of, with a row or not. */
    private Set<String> withStoredFacts(Collection<String> customers) throws SQLException {
        return existing("SELECT DISTINCT customer_id FROM ls_fact_segment WHERE customer_id IN", customers);
    }

    private Set<String> existing(String selectIn, Collection<String> keys) throws SQLException {
        Set<String> found = new HashSet<>();
        List<String> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += IN_LIST) {
            List<String> part = all.subList(from, Math.min(all.size(), from + IN_LIST));
            found.addAll(db.list(selectIn + " " + placeholders(part.size()), part, rs -> rs.getString(1)));
        }
        return found;
    }
}
