package io.lifestage.engine.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How every renderer writes the values reports share. */
final class Labels {

    /** The row label of customers who had no stage at the start of a period. */
    static final String NEW = "(new)";

    private Labels() {
    }

    static String stage(String stage) {
        return stage == null ? NEW : stage;
    }

    static String instant(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    /** A change in percentage points with its sign, {@code -} when there is none. */
    static String points(Double change) {
        return change == null ? "-" : String.format(Locale.ROOT, "%+.1f pt", change);
    }

    /** The rows of the transition matrix: every stage, then new customers when there are any. */
    static List<String> matrixRows(LifecycleReport report) {
        List<String> rows = new ArrayList<>(report.stages().order());
        if (report.transitions().cells().stream().anyMatch(cell -> cell.from() == null)) {
            rows.add(null);
        }
        return rows;
    }

    static String days(Double days) {
        return days == null ? "-" : String.format(Locale.ROOT, "%.1f", days);
    }
}
