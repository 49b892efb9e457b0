package io.lifestage.engine.store;

import io.lifestage.api.Fact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A source's facts stored customer after customer. Facts are sorted by customer first (in memory, spilling to
 * temporary files beyond {@value FactSorter#RUN}), then each customer's new facts go into one segment
 * ({@link FactSegment}), about {@value #BATCH} facts a transaction, the source's position with the last of them;
 * the transactions are written on another thread ({@link BackgroundWrites}) while the next is prepared.
 * Stored so, every page of the table is written about once, where facts stored as they come (in time order, every
 * customer mixed) rewrite a page for almost every fact once the table outgrows the cache.
 *
 * <p>The outcome is what {@link StageStore#ingest} gives for the same facts in one batch: a redelivered fact (the same
 * key for the same customer) is stored once, the first added; an identify call linking an anonymous id to a user,
 * wherever it comes in the source, moves the anonymous history to the user. A run killed before {@link #commit}
 * stored nothing and left the position where it was, so the next run reads the same facts again; one killed during
 * the commit left some customers' facts stored, which the next run recognises and skips.
 */
public final class FactImport implements AutoCloseable {

    /** Facts stored in one transaction, at least, unless fewer are left. */
    static final int BATCH = 20_000;
    /** New facts from which the database's statistics are taken again after the import. */
    private static final int ANALYZED_FROM = 100_000;

    private final StageStore store;
    private final String source;
    private final long now;
    private final Path directory;
    private final int run;
    /**
     * Whether the store may hold facts of customers without a row as the import begins
     * ({@link StageStore#leaveNewCustomersUnlisted}): then their stored facts are read too, to skip those given again.
     * Customers the import itself leaves without a row need not be: each customer's facts go in one transaction.
     */
    private final boolean unlistedBefore;
    /** Facts of known users, by user id. */
    private final FactSorter users;
    /** Facts of anonymous ids alone, by anonymous id: some of them will belong to a user. */
    private final FactSorter anonymous;
    /** The links identify calls of this source make, the first for each anonymous id. */
    private final Map<String, String> links = new LinkedHashMap<>();
    private long sequence;

    /** An import sorting runs of {@code run} facts in memory. */
    FactImport(StageStore store, String source, long now, int run) {
        this.store = store;
        this.run = run;
        this.source = source;
        this.now = now;
        try {
            this.directory = Files.createTempDirectory("lifestage-import-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory to sort facts: " + e.getMessage(), e);
        }
        this.unlistedBefore = store.unlistedMarked();
        this.users = new FactSorter(directory, run);
        this.anonymous = new FactSorter(directory, run);
    }

    /**
     * A source's batch as it will be stored, each fact encoded and its key digested: most of the cost of adding a
     * fact, which {@link #prepare} lets the thread that polled the source pay.
     */
    public static final class Batch {

        private final List<StoredFact> facts;

        private Batch(List<StoredFact> facts) {
            this.facts = facts;
        }

        /** How many facts the batch holds. */
        public int size() {
            return facts.size();
        }

        /** Whether the batch holds no fact: the end of a source. */
        public boolean isEmpty() {
            return facts.isEmpty();
        }
    }

    /** Facts read from a source, in the order read, made ready to {@link #add}; on any thread. */
    public static Batch prepare(List<Fact> facts) {
        List<StoredFact> stored = new ArrayList<>(facts.size());
        for (Fact fact : facts) {
            stored.add(StoredFact.of(fact, fact.customerId()));
        }
        return new Batch(stored);
    }

    /** Adds a batch of the source's facts, in the order read. */
    public void add(Batch batch) {
        for (StoredFact fact : batch.facts) {
            if (fact.linksAnonymousId()) {
                links.putIfAbsent(fact.anonymousId(), fact.userId());
            }
            (fact.anonymousAlone() ? anonymous : users).add(new FactSorter.Entry(fact, sequence++));
        }
    }

    /**
     * Stores the facts added and, with the last of them, the position the source will resume from.
     *
     * @param position the source's position after the last fact added
     * @param stored   told the number of facts looked at so far, as each transaction is handed to the writer
     * @return how many facts were new
     */
    public long commit(String position, LongConsumer stored) {
        if (sequence == 0) {
            return 0;
        }
        Map<String, String> moves;
        try (FactSorter.Reader read = anonymous.read()) {
            Iterator<String> anonymousIds = stream(read).map(entry -> entry.fact().customerId()).iterator();
            moves = store.inTransaction("link identities of source '" + source + "'",
                    () -> store.linkAll(links, anonymousIds, now));
        }
        try (FactSorter linked = new FactSorter(directory, run)) {
            try (FactSorter.Reader read = anonymous.read()) {
                read.forEachRemaining(entry -> {
                    String user = moves.get(entry.fact().customerId());
                    if (user != null) {
                        linked.add(new FactSorter.Entry(entry.fact().withCustomerId(user), entry.sequence()));
                    }
                });
            }
            try (FactSorter.Reader fromUsers = users.read();
                 FactSorter.Reader fromAnonymous = anonymous.read();
                 FactSorter.Reader fromLinked = linked.read()) {
                Iterator<FactSorter.Entry> unlinked = stream(fromAnonymous)
                        .filter(entry -> !moves.containsKey(entry.fact().customerId())).iterator();
                return store(FactSorter.merge(List.of(fromUsers, unlinked, fromLinked)), position, stored);
            }
        }
    }

    private long store(Iterator<FactSorter.Entry> facts, String position, LongConsumer progress) {
        AtomicLong stored = new AtomicLong();
        long seen = 0;
        List<StageStore.NewFacts> batch = new ArrayList<>();
        int inBatch = 0;
        List<FactSorter.Entry> customer = new ArrayList<>();
        try (BackgroundWrites writes = new BackgroundWrites(store)) {
            while (facts.hasNext() || !customer.isEmpty()) {
                FactSorter.Entry next = facts.hasNext() ? facts.next() : null;
                if (next != null && (customer.isEmpty()
                        || customer.get(0).fact().customerId().equals(next.fact().customerId()))) {
                    customer.add(next);
                    continue;
                }
                List<StoredFact> distinct = firstOfEachKey(customer);
                // Encoded here, on the thread that merges, while the writer stores the batch before: the writer is
                // the slower of the two, and a first run stores every customer's facts as one segment like this.
                batch.add(new StageStore.NewFacts(distinct, FactSegment.encode(distinct)));
                inBatch += distinct.size();
                seen += customer.size();
                customer = new ArrayList<>();
                if (next != null) {
                    customer.add(next);
                }
                if (inBatch >= BATCH) {
                    List<StageStore.NewFacts> full = batch;
                    writes.submit(writer -> stored.addAndGet(writer.storeSorted(source, full, unlistedBefore, null,
                            now)));
                    progress.accept(seen);
                    batch = new ArrayList<>();
                    inBatch = 0;
                }
            }
            List<StageStore.NewFacts> last = batch;
            writes.submit(writer -> stored.addAndGet(writer.storeSorted(source, last, unlistedBefore, position, now)));
            writes.await();
        }
        progress.accept(seen);
        if (stored.get() >= ANALYZED_FROM) {
            store.refreshStatistics();
        }
        return stored.get();
    }

    /**
     * A customer's facts, in time order, with only the first added of facts with one key. Most customers have no two
     * facts with one key: their facts are kept as they are, after one look at each key.
     */
    private static List<StoredFact> firstOfEachKey(List<FactSorter.Entry> customer) {
        Set<String> keys = new HashSet<>();
        List<StoredFact> facts = new ArrayList<>(customer.size());
        for (FactSorter.Entry entry : customer) {
            if (!keys.add(entry.fact().key())) {
                return firstAddedOfEachKey(customer);
            }
            facts.add(entry.fact());
        }
        return facts;
    }

    private static List<StoredFact> firstAddedOfEachKey(List<FactSorter.Entry> customer) {
        Map<String, Long> first = new HashMap<>();
        for (FactSorter.Entry entry : customer) {
            first.merge(entry.fact().key(), entry.sequence(), Math::min);
        }
        List<StoredFact> facts = new ArrayList<>(first.size());
        for (FactSorter.Entry entry : customer) {
            if (first.get(entry.fact().key()) == entry.sequence()) {
                facts.add(entry.fact());
            }
        }
        return facts;
    }

    private static <T> Stream<T> stream(Iterator<T> iterator) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false);
    }

    /** Deletes the temporary files. */
    @Override
    public void close() {
        users.close();
        anonymous.close();
        try {
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory + ": " + e.getMessage(), e);
        }
    }
}
