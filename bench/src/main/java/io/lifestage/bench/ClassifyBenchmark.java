package io.lifestage.bench;

import io.lifestage.api.ClassificationSummary;
import io.lifestage.api.spi.Source;
import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.config.RulesSettings;
import io.lifestage.engine.connect.Connectors;
import io.lifestage.engine.connect.SettingsContext;
import io.lifestage.engine.connect.SourceFacts;
import io.lifestage.engine.generate.SyntheticEvents;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The end-to-end classification benchmark: generates N synthetic customers once (cached in the data directory),
 * then classifies them from the JSON lines file with the default rule pack several times — read, parse, aggregate,
 * classify, decisions counted but not written — and reports customers per second (median) and peak heap.
 *
 * <p>Arguments: {@code [customers=1000000] [runs=3] [dataDir=bench/data] [rulesDir=rules/pack]}.
 */
public final class ClassifyBenchmark {

    private static final Instant AS_OF = Instant.parse("2026-11-01T00:00:00Z");

    private ClassifyBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path data = Path.of(args.length > 2 ? args[2] : "bench/data");
        Path rules = Path.of(args.length > 3 ? args[3] : "rules/pack");
        Path events = data.resolve("events-" + customers + ".jsonl");
        if (!Files.exists(events)) {
            generate(customers, events);
        }
        System.out.printf(Locale.ROOT, "Input: %s (%,d MB); heap limit %,d MB; %d processors; Java %s%n", events,
                Files.size(events) >> 20, Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        double parseSeconds = parseOnly(events);
        System.out.printf(Locale.ROOT, "parse only (file connector, no engine): %.1f s%n", parseSeconds);
        List<Double> rates = new ArrayList<>();
        try (LifestageContainer container = LifestageContainer.start(Map.of(RulesSettings.DIR, rules.toString()),
                null)) {
            for (int run = 1; run <= runs; run++) {
                System.gc();
                HeapWatch heap = HeapWatch.start();
                ClassificationSummary summary = classify(container, events);
                heap.stop();
                double seconds = summary.elapsed().toNanos() / 1e9;
                double rate = summary.customers() / seconds;
                rates.add(rate);
                System.out.printf(Locale.ROOT,
                        "run %d: %,d customers, %,d events in %.1f s = %,.0f customers/s, %,.0f events/s;"
                                + " heap in use at most %,d MB, live after GC at most %,d MB; stages %s%n",
                        run, summary.customers(), summary.factsRead(), seconds, rate, summary.factsRead() / seconds,
                        heap.maxUsedBytes() >> 20, heap.maxLiveBytes() >> 20, summary.customersByStage());
            }
        }
        Collections.sort(rates);
        System.out.printf(Locale.ROOT, "median: %,.0f customers/s over %d runs%n", rates.get(rates.size() / 2), runs);
    }

    private static ClassificationSummary classify(LifestageContainer container, Path events) {
        Connectors files = Connectors.installed(ClassifyBenchmark.class.getClassLoader());
        AtomicLong decisions = new AtomicLong();
        AtomicLong rejects = new AtomicLong();
        try (Source source = files.newSource("file")) {
            source.start(new SettingsContext("bench", Map.of("path", events.toString()),
                    r -> rejects.incrementAndGet()));
            ClassificationSummary summary = container.engine()
                    .classify(new SourceFacts(source), AS_OF, d -> decisions.incrementAndGet());
            if (rejects.get() > 0 || decisions.get() != summary.customers()) {
                throw new IllegalStateException(rejects.get() + " rejects, " + decisions.get() + " decisions");
            }
            return summary;
        }
    }

    private static double parseOnly(Path events) {
        Connectors files = Connectors.installed(ClassifyBenchmark.class.getClassLoader());
        long started = System.nanoTime();
        long facts = 0;
        try (Source source = files.newSource("file")) {
            source.start(new SettingsContext("bench", Map.of("path", events.toString()), r -> { }));
            for (SourceFacts it = new SourceFacts(source); it.hasNext(); it.next()) {
                facts++;
            }
        }
        if (facts == 0) {
            throw new IllegalStateException("no facts in " + events);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static void generate(int customers, Path events) throws IOException {
        Files.createDirectories(events.getParent());
        long started = System.nanoTime();
        long lines;
        try (Writer out = Files.newBufferedWriter(events, StandardCharsets.UTF_8)) {
            lines = new SyntheticEvents(42, AS_OF).write(customers, out);
        }
        System.out.printf(Locale.ROOT, "Generated %,d events of %,d customers in %.1f s%n", lines, customers,
                (System.nanoTime() - started) / 1e9);
    }
}
