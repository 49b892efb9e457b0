package io.lifestage.cli;

import io.lifestage.engine.generate.SyntheticEvents;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lifestage generate}: synthetic Segment-style events for demos and benchmarks. */
@Command(name = "generate",
        description = "Writes synthetic Segment-style JSON lines whose customers span every lifecycle stage.")
final class GenerateCommand extends Subcommand {

    @Option(names = "--customers", required = true, paramLabel = "N", description = "How many customers.")
    int customers;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Where to write the events.")
    Path output;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
            description = "Random seed; the same seed gives the same file (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--as-of", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "Latest instant of the data, as later given to classify --as-of; default now.")
    Instant asOf;

    @Option(names = "--page-views", defaultValue = "0", paramLabel = "N",
            description = "Average extra page views per customer, heavy-tailed (some customers get hundreds), within"
                    + " each customer's active period; 16 gives about 18 events per customer"
                    + " (default ${DEFAULT-VALUE}).")
    double pageViews;

    @Option(names = "--scorecard",
            description = "Also write what every scorecard measure of `report` needs: leads before first purchases,"
                    + " renewals before cancellations, CSAT beside NPS answers, order costs and margins; the other"
                    + " events keep their instants and values.")
    boolean scorecard;

    @Override
    public Integer call() throws IOException {
        if (customers < 1) {
            throw new IllegalArgumentException("--customers must be at least 1, got " + customers);
        }
        if (pageViews < 0) {
            throw new IllegalArgumentException("--page-views must not be negative, got " + pageViews);
        }
        Instant instant = asOf != null ? asOf : Instant.now();
        long started = System.nanoTime();
        long lines;
        try (Writer out = OutputFile.create(output)) {
            SyntheticEvents events = new SyntheticEvents(seed, instant, pageViews);
            lines = (scorecard ? events.withScorecardEvents() : events).write(customers, out);
        }
        err().printf(Locale.ROOT, "Wrote %,d events of %,d customers as of %s to %s in %.1f s%n",
                lines, customers, instant, output, (System.nanoTime() - started) / 1e9);
        return ExitCodes.OK;
    }
}
