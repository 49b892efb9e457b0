package io.lifestage.cli;

import io.lifestage.api.ClassificationSummary;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** The human summary of a classification run, printed to standard error so decisions can go to standard output. */
final class SummaryReport {

    private final PrintWriter out;

    SummaryReport(PrintWriter out) {
        this.out = out;
    }

    void print(ClassificationSummary summary, Instant asOf, String version) {
        long customers = summary.customers();
        double seconds = summary.elapsed().toNanos() / 1e9;
        out.printf(Locale.ROOT, "Classified %,d customers as of %s with rule base %s in %.2f s%n",
                customers, asOf, version, seconds);
        for (Map.Entry<String, Long> stage : summary.customersByStage().entrySet()) {
            double share = customers == 0 ? 0 : 100.0 * stage.getValue() / customers;
            out.printf(Locale.ROOT, "  %-16s %,10d  %5.1f%%%n", stage.getKey(), stage.getValue(), share);
        }
        out.printf(Locale.ROOT, "Events read: %,d (%,d after the as-of instant, ignored)%n",
                summary.factsRead(), summary.factsAfterAsOf());
        out.flush();
    }
}
