package io.lifestage.engine.store;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Facts in order of customer, instant and fact key, however many there are: it keeps a run of them in memory
 * ({@value #RUN} in a run's import) and writes each full run, sorted, to a file of its own in a temporary directory;
 * reading merges the runs. A full run is sorted and written on a thread of its own while the next one fills, so that
 * the thread adding facts (and the source behind it) does not stop for it; at most two runs are in memory. Ties keep
 * the order facts were added in, so that of two facts with one key the first added comes first. Can be read several
 * times; {@link #close} deletes the files.
 */
final class FactSorter implements AutoCloseable {

    /** Facts held in memory before they are written out: about 30 MB of heap, twice that while one run is written. */
    static final int RUN = 50_000;
    /** In a run's file, in place of a string's number: the string follows, and takes the next number. */
    private static final int NEW_STRING = -1;
    /** The strings of an entry written by number: customer id, kind, name, anonymous id and user id. */
    private static final int REPEATED = 5;

    /** A fact and the order it was added in. */
    record Entry(StoredFact fact, long sequence) {
    }

    /** Customer, instant and fact key, then the order added (written out: it sorts every fact of an import). */
    static final Comparator<Entry> ORDER = (a, b) -> {
        int order = a.fact().customerId().compareTo(b.fact().customerId());
        if (order == 0) {
            order = Long.compare(a.fact().occurredAt(), b.fact().occurredAt());
        }
        if (order == 0) {
            order = a.fact().key().compareTo(b.fact().key());
        }
        return order != 0 ? order : Long.compare(a.sequence(), b.sequence());
    };

    private final Path directory;
    private final int run;
    private final List<Path> runs = new ArrayList<>();
    private List<Entry> memory = new ArrayList<>();
    /** The run being sorted and written, done when there is none. */
    private CompletableFuture<Void> spilling = CompletableFuture.completedFuture(null);

    /** A sorter writing runs of this many facts to files in this directory, which must exist. */
    FactSorter(Path directory, int run) {
        this.directory = directory;
        this.run = run;
    }

    void add(Entry entry) {
        memory.add(entry);
        if (memory.size() >= run) {
            spill();
        }
    }

    /** Sorts and writes the run in memory on a thread of its own, once the run before it is written. */
    private void spill() {
        awaitSpill();
        List<Entry> full = memory;
        memory = new ArrayList<>();
        Path file;
        try {
            file = Files.createTempFile(directory, "run-", ".facts");
        } catch (IOException e) {
            throw cannotWrite(e);
        }
        runs.add(file);
        spilling = CompletableFuture.runAsync(() -> writeRun(full, file), work -> {
            Thread writer = new Thread(work, "lifestage-sort");
            writer.setDaemon(true);
            writer.start();
        });
    }

    private void writeRun(List<Entry> entries, Path file) {
        entries.sort(ORDER);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file),
                1 << 16))) {
            EntryBuffer buffer = new EntryBuffer();
            for (Entry entry : entries) {
                write(out, entry, buffer);
            }
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    private UncheckedIOException cannotWrite(IOException e) {
        return new UncheckedIOException("cannot write sorted facts to " + directory + ": " + e.getMessage(), e);
    }

    /** Waits for the run being written, and rethrows its failure. */
    private void awaitSpill() {
        try {
            spilling.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) e.getCause(); // writing a run throws nothing else
        }
    }

    /** Every fact added, in order; the iterator must be closed. */
    Reader read() {
        awaitSpill();
        memory.sort(ORDER);
        return new Reader();
    }

    /** The runs merged: the next fact of each run waits in a queue. */
    final class Reader implements Iterator<Entry>, AutoCloseable {

        private final List<DataInputStream> inputs = new ArrayList<>();
        private final Iterator<Entry> merged;

        private Reader() {
            List<Iterator<Entry>> sorted = new ArrayList<>();
            try {
                for (Path file : runs) {
                    DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file),
                            1 << 16));
                    inputs.add(in);
                    sorted.add(fromFile(in));
                }
            } catch (IOException e) {
                close();
                throw new UncheckedIOException("cannot read sorted facts in " + directory + ": " + e.getMessage(), e);
            }
            sorted.add(memory.iterator());
            merged = merge(sorted);
        }

        @Override
        public boolean hasNext() {
            return merged.hasNext();
        }

        @Override
        public Entry next() {
            return merged.next();
        }

        @Override
        public void close() {
            for (DataInputStream in : inputs) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // a file only read: nothing is lost when its close fails
                }
            }
        }
    }

    /** Sorted iterators merged into one, in order. */
    static Iterator<Entry> merge(List<Iterator<Entry>> sorted) {
        record Head(Entry entry, Iterator<Entry> rest) {
        }
        PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::entry, ORDER));
        sorted.forEach(each -> {
            if (each.hasNext()) {
                heads.add(new Head(each.next(), each));
            }
        });
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !heads.isEmpty();
            }

            @Override
            public Entry next() {
                Head head = heads.remove();
                if (head.rest().hasNext()) {
                    heads.add(new Head(head.rest().next(), head.rest()));
                }
                return head.entry();
            }
        };
    }

    private Iterator<Entry> fromFile(DataInputStream in) {
        List<String> strings = new ArrayList<>();
        return new Iterator<>() {
            private Entry next = readEntry(in, strings);

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Entry next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Entry current = next;
                next = readEntry(in, strings);
                return current;
            }
        };
    }

    /**
     * Writes an entry as its length and its bytes, put together first: a {@link DataOutputStream} writes an int as
     * four calls of its stream, each taking the buffered stream's lock, which was most of the cost of sorting. The
     * customer id, kind, name and ids are written once per file and then referred to by number, as the file's reader
     * numbers them again: a run holds a few customers' facts each, of a few kinds and names, so reading it back makes
     * one string of each instead of one per fact, and its file is about a fifth smaller.
     */
    private static void write(DataOutputStream out, Entry entry, EntryBuffer buffer) throws IOException {
        StoredFact f = entry.fact();
        buffer.clear();
        buffer.putLong(entry.sequence());
        buffer.putLong(f.occurredAt());
        buffer.putText(f.key());
        String[] repeated = {f.customerId(), f.kind(), f.name(), f.anonymousId(), f.userId()};
        for (int slot = 0; slot < repeated.length; slot++) {
            buffer.putRepeated(slot, repeated[slot]);
        }
        buffer.putText(f.body());
        out.writeInt(buffer.size());
        out.write(buffer.bytes(), 0, buffer.size());
    }

    /** The next entry of a run's file, or null at its end; {@code strings} are those the file numbered so far. */
    private Entry readEntry(DataInputStream in, List<String> strings) {
        try {
            byte[] bytes;
            try {
                bytes = new byte[in.readInt()];
            } catch (EOFException end) {
                return null;
            }
            in.readFully(bytes);
            ByteBuffer entry = ByteBuffer.wrap(bytes);
            long sequence = entry.getLong();
            long occurredAt = entry.getLong();
            String key = text(entry);
            String[] repeated = new String[REPEATED];
            for (int i = 0; i < repeated.length; i++) {
                int number = entry.getInt();
                if (number == NEW_STRING) {
                    strings.add(text(entry));
                    number = strings.size();
                }
                repeated[i] = number == 0 ? null : strings.get(number - 1);
            }
            return new Entry(new StoredFact(key, repeated[0], occurredAt, repeated[1], repeated[2], repeated[3],
                    repeated[4], text(entry)), sequence);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sorted facts in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** A text as {@link EntryBuffer#putText} wrote it. */
    private static String text(ByteBuffer entry) {
        int length = entry.getInt();
        if (length < 0) {
            return null;
        }
        String text = new String(entry.array(), entry.position(), length, StandardCharsets.UTF_8);
        entry.position(entry.position() + length);
        return text;
    }

    /**
     * The bytes of one entry as they are put together, reused from one entry to the next of a file, with the numbers
     * of the strings the file has written.
     */
    private static final class EntryBuffer {
        private final Map<String, Integer> numbers = new HashMap<>();
        /** By slot, the string the entry before wrote there and its number: mostly the same customer's again. */
        private final String[] last = new String[REPEATED];
        private final int[] lastNumber = new int[REPEATED];
        private ByteBuffer buffer = ByteBuffer.allocate(1024);

        void clear() {
            buffer.clear();
        }

        void putLong(long value) {
            room(Long.BYTES);
            buffer.putLong(value);
        }

        void putText(String text) {
            if (text == null) {
                room(Integer.BYTES);
                buffer.putInt(-1);
                return;
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            room(Integer.BYTES + bytes.length);
            buffer.putInt(bytes.length);
            buffer.put(bytes);
        }

        /**
         * A string of one of the five slots as its number in the file: 0 for none, else defined where it is first
         * written. The same string as the entry before's in that slot is not looked up again (nor hashed: a fact's
         * strings are new, and hashing them cost as much as encoding them).
         */
        void putRepeated(int slot, String text) {
            room(Integer.BYTES);
            if (text == null) {
                buffer.putInt(0);
                return;
            }
            if (!text.equals(last[slot])) {
                Integer number = numbers.get(text);
                if (number == null) {
                    buffer.putInt(NEW_STRING);
                    putText(text);
                    number = numbers.size() + 1;
                    numbers.put(text, number);
                    last[slot] = text;
                    lastNumber[slot] = number;
                    return;
                }
                last[slot] = text;
                lastNumber[slot] = number;
            }
            buffer.putInt(lastNumber[slot]);
        }

        private void room(int more) {
            if (buffer.remaining() < more) {
                ByteBuffer larger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more));
                buffer.flip();
                larger.put(buffer);
                buffer = larger;
            }
        }

        byte[] bytes() {
            return buffer.array();
        }

        int size() {
            return buffer.position();
        }
    }

    @Override
    public void close() {
        spilling.exceptionally(failure -> null).join();
        for (Path file : runs) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
            }
        }
        runs.clear();
        memory = new ArrayList<>();
    }
}
