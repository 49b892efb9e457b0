package io.lifestage.engine.classify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a pack file of one header line and one item per line (blank lines and {@code #} comments skipped), the shape
 * of {@code journeys.csv} and {@code actions.csv}: every bad line becomes a problem naming the file, the line and the
 * column, and reading goes on so that {@code validate} lists them all.
 */
final class PackTable {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([mhd])");

    /** A line's parser: the item of a line, or {@link BadCell} naming what is wrong where. */
    @FunctionalInterface
    interface Row<T> {

        T parse(int line, List<String> cells);
    }

    /** A cell that cannot be read: its 1-based column and why. */
    static final class BadCell extends IllegalArgumentException {

        private final int column;

        BadCell(int column, String message) {
            super(message);
            this.column = column;
        }
    }

    private PackTable() {
    }

    /**
     * The items of the file, or null when a line is wrong; every problem is added to {@code problems} with
     * {@code code}.
     */
    static <T> List<T> read(String file, String code, String header, String text, List<RuleProblem> problems,
                            Row<T> row) {
        String[] rows = text.split("\r?\n", -1);
        if (!rows[0].trim().equalsIgnoreCase(header)) {
            problems.add(new RuleProblem(code, file, 1, "the first line must be the header '" + header + "'"));
            return null;
        }
        List<String> columns = Arrays.asList(header.split(","));
        int before = problems.size();
        List<T> items = new ArrayList<>();
        for (int i = 1; i < rows.length; i++) {
            if (rows[i].isBlank() || rows[i].startsWith("#")) {
                continue;
            }
            try {
                List<String> cells = CsvLine.split(rows[i]);
                if (cells.size() != columns.size()) {
                    throw new IllegalArgumentException("expected " + columns.size() + " cells (" + header
                            + "), found " + cells.size());
                }
                items.add(row.parse(i + 1, cells.stream().map(String::trim).toList()));
            } catch (BadCell e) {
                problems.add(new RuleProblem(code, file, i + 1, "column " + e.column + " ("
                        + columns.get(e.column - 1) + "): " + e.getMessage()));
            } catch (IllegalArgumentException e) {
                problems.add(new RuleProblem(code, file, i + 1, e.getMessage()));
            }
        }
        return problems.size() > before ? null : items;
    }

    /** The values of a cell that lists several, separated by {@code ;}; empty for an empty cell. */
    static List<String> list(String cell) {
        return cell.isEmpty() ? List.of()
                : Arrays.stream(cell.split(";")).map(String::trim).filter(value -> !value.isEmpty()).toList();
    }

    /** The cell's value, refused when empty. */
    static String required(List<String> cells, int column, String what) {
        String value = cells.get(column - 1);
        if (value.isEmpty()) {
            throw new BadCell(column, "missing: name " + what);
        }
        return value;
    }

    /**
     * A length of time written {@code 30m}, {@code 1h} or {@code 3d} (minutes, hours or days), or null when the text
     * is not one.
     */
    static Duration duration(String text) {
        Matcher written = DURATION.matcher(text);
        if (!written.matches()) {
            return null;
        }
        long amount = Long.parseLong(written.group(1));
        return switch (written.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
