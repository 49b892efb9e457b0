package io.lifestage.cli;

import io.lifestage.engine.config.ConfiguredThresholds;
import io.lifestage.engine.diff.MoveMatrix;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Prints a rule pack diff: the thresholds that differ, the move matrix, then examples of each move. */
final class DiffReport {

    private final PrintWriter out;

    DiffReport(PrintWriter out) {
        this.out = out;
    }

    /** The thresholds whose value differs between the two packs, each with where its values were set. */
    void printThresholdChanges(ConfiguredThresholds baseline, ConfiguredThresholds candidate) {
        Set<String> names = new TreeSet<>(baseline.names());
        names.addAll(candidate.names());
        for (String name : names) {
            if (!valueOf(baseline, name).equals(valueOf(candidate, name))) {
                out.printf(Locale.ROOT, "Threshold %s: %s → %s%n", name, valueAndOrigin(baseline, name),
                        valueAndOrigin(candidate, name));
            }
        }
    }

    private static String valueOf(ConfiguredThresholds thresholds, String name) {
        return thresholds.names().contains(name) ? String.valueOf(thresholds.get(name)) : "not set";
    }

    private static String valueAndOrigin(ConfiguredThresholds thresholds, String name) {
        ConfiguredThresholds.Origin origin = thresholds.origin(name);
        return valueOf(thresholds, name) + (origin == null ? "" : " (" + origin + ")");
    }

    void print(MoveMatrix moves, String baselineVersion, String candidateVersion, Instant asOf) {
        double share = moves.customers() == 0 ? 0 : 100.0 * moves.moved() / moves.customers();
        out.printf(Locale.ROOT, "Rule base %s → %s, %,d customers as of %s: %,d would change stage (%.1f%%).%n%n",
                baselineVersion, candidateVersion, moves.customers(), asOf, moves.moved(), share);
        moves.renames().forEach((from, to) -> out.printf(Locale.ROOT, "Renamed: %s → %s (not a move)%n", from, to));
        if (!moves.renames().isEmpty()) {
            out.println();
        }
        int width = Math.max(14, moves.toStages().stream().mapToInt(String::length).max().orElse(0) + 2);
        out.printf(Locale.ROOT, "%-" + width + "s", "from \\ to");
        moves.toStages().forEach(to -> out.printf(Locale.ROOT, "%" + width + "s", to));
        out.println();
        for (String from : moves.fromStages()) {
            out.printf(Locale.ROOT, "%-" + width + "s", from);
            for (String to : moves.toStages()) {
                out.printf(Locale.ROOT, "%" + width + "s", String.format(Locale.ROOT, "%,d", moves.count(from, to)));
            }
            out.println();
        }
        for (String from : moves.fromStages()) {
            for (String to : moves.toStages()) {
                if (moves.isMove(from, to) && moves.count(from, to) > 0) {
                    out.printf(Locale.ROOT, "%n%s → %s: %,d%n", from, to, moves.count(from, to));
                    for (MoveMatrix.Example example : moves.examples(from, to)) {
                        out.printf(Locale.ROOT, "  %s: %s (%s) → %s (%s)%n", example.customerId(),
                                example.baseline().rule(), example.baseline().reason(),
                                example.candidate().rule(), example.candidate().reason());
                    }
                }
            }
        }
        out.flush();
    }
}
