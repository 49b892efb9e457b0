package io.lifestage.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order a sorter gives back facts in, whether they stayed in memory or went through its files. */
class FactSorterTest {

    private static final Comparator<FactSorter.Entry> EXPECTED = Comparator
            .comparing((FactSorter.Entry entry) -> entry.fact().customerId())
            .thenComparingLong(entry -> entry.fact().occurredAt())
            .thenComparing(entry -> entry.fact().key())
            .thenComparingLong(FactSorter.Entry::sequence);

    @TempDir
    Path dir;

    @Test
    void factsComeBackByCustomerInstantKeyAndOrderAddedAcrossRunsAndMemory() {
        List<FactSorter.Entry> added = randomEntries(5_000, new Random(7));

        assertThat(readBack(added, 97)).isEqualTo(sortedCopy(added));
        assertThat(readBack(added, 100_000)).as("all in memory").isEqualTo(sortedCopy(added));
    }

    @Test
    void aCustomerSpreadOverEveryRunComesBackWhole() {
        List<FactSorter.Entry> added = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String customer = i % 3 == 0 ? "often" : "c" + (i % 41);
            added.add(entry(customer, 1_000 - i % 17, "k" + (i % 5), i));
        }

        List<FactSorter.Entry> read = readBack(added, 10);

        assertThat(read).isEqualTo(sortedCopy(added));
        assertThat(read.stream().map(entry -> entry.fact().customerId()).distinct())
                .as("each customer once, in id order").isSorted().doesNotHaveDuplicates();
    }

    @Test
    void entriesAddedOutOfOrderAreOrderedByWhenTheyWereAddedOnTies() {
        List<FactSorter.Entry> added = List.of(entry("ann", 5, "same", 9), entry("ann", 5, "same", 2),
                entry("ann", 5, "same", 4));

        assertThat(readBack(added, 2)).extracting(FactSorter.Entry::sequence).containsExactly(2L, 4L, 9L);
    }

    @Test
    void closingLeavesNoRunFileBehind() throws Exception {
        readBack(randomEntries(1_000, new Random(3)), 64);

        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aRunThatCannotBeWrittenFailsTheSortNamingTheDirectory() throws Exception {
        Path gone = dir.resolve("gone");
        Files.createDirectory(gone);
        FactSorter sorter = new FactSorter(gone, 10);
        Files.delete(gone);

        assertThatThrownBy(() -> {
            randomEntries(25, new Random(5)).forEach(sorter::add);
            sorter.read().close();
        }).isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot write sorted facts to " + gone);
        sorter.close();
    }

    private List<FactSorter.Entry> readBack(List<FactSorter.Entry> entries, int run) {
        try (FactSorter sorter = new FactSorter(dir, run)) {
            entries.forEach(sorter::add);
            List<FactSorter.Entry> read = new ArrayList<>();
            try (FactSorter.Reader reader = sorter.read()) {
                reader.forEachRemaining(read::add);
            }
            return read;
        }
    }

    private static List<FactSorter.Entry> sortedCopy(List<FactSorter.Entry> entries) {
        List<FactSorter.Entry> sorted = new ArrayList<>(entries);
        sorted.sort(EXPECTED);
        return sorted;
    }

    private static List<FactSorter.Entry> randomEntries(int count, Random random) {
        List<FactSorter.Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(entry("c" + random.nextInt(300), random.nextInt(50), "k" + random.nextInt(4), i));
        }
        return entries;
    }

    private static FactSorter.Entry entry(String customer, long at, String key, long sequence) {
        return new FactSorter.Entry(new StoredFact(key, customer, at, "track", "Page Viewed", null, customer,
                "{\"properties\":{\"n\":" + sequence + "}}"), sequence);
    }
}
