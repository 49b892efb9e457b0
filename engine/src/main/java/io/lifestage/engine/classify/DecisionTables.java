package io.lifestage.engine.classify;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;

/**
 * Spreadsheet decision tables ({@code .xlsx}, {@code .xls}, {@code .csv}) turned into DRL with Drools' own
 * compiler, so they are checked and compiled like rule files; a problem in the generated DRL is traced back to the
 * spreadsheet row the rule came from.
 */
final class DecisionTables {

    /** Drools writes this comment before each generated rule: "// rule values at A10, header at A5". */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+|param)\\b");
    /** First cells that start a new block of a spreadsheet, after which a blank row drops nothing. */
    private static final Set<String> KEYWORDS = Set.of("RuleSet", "Import", "Variables", "Notes", "Functions",
            "Queries", "Declare", "Sequential", "Unit");
    private static final Pattern ROW_MARKER = Pattern.compile("^// rule values at ([A-Z]+)(\\d+)", Pattern.MULTILINE);

    private DecisionTables() {
    }

    static boolean isTable(String relativePath) {
        String name = relativePath.toLowerCase(Locale.ROOT);
        return name.endsWith(".xlsx") || name.endsWith(".xls")
                || name.endsWith(".csv") && !relativePath.equals(RulePack.STAGES_FILE)
                && !relativePath.equals(TransitionPolicy.FILE) && !relativePath.equals(Journeys.FILE)
                && !relativePath.equals(ActionCatalog.FILE);
    }

    /**
     * The DRL of a decision table.
     *
     * @throws IllegalArgumentException with the spreadsheet's own words (cell references included) when the table
     *                                  cannot be read
     */
    static String toDrl(String relativePath, byte[] content) {
        boolean csv = relativePath.toLowerCase(Locale.ROOT).endsWith(".csv");
        InputType type = csv ? InputType.CSV : InputType.XLS;
        try {
            String drl = new SpreadsheetCompiler().compile(new ByteArrayInputStream(content), type);
            if (drl == null || !drl.contains("rule ")) {
                throw new IllegalArgumentException("no RuleTable found: a decision table needs a 'RuleSet' row and a"
                        + " 'RuleTable' block (see docs/rule-authoring.md)");
            }
            return drl;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IllegalArgumentException(message.lines().findFirst().orElse(message).strip(), e);
        }
    }

    /**
     * What a table's author did not mean, by row: a cell with fewer values than its column's code has placeholders
     * (the reason {@code $2} would reach every decision), and, in a CSV table, rows after a blank row, which ends
     * the table in Drools and drops the rows below without a word.
     */
    static List<RuleProblem> mistakes(String relativePath, byte[] content, String drl) {
        List<RuleProblem> problems = new ArrayList<>();
        String[] lines = drl.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher placeholder = PLACEHOLDER.matcher(lines[i]);
            if (placeholder.find()) {
                problems.add(new RuleProblem("LS-RULE-0013", relativePath, rowOf(drl, i + 1), "a cell has no value"
                        + " for " + placeholder.group() + " in '" + lines[i].strip() + "': write one value per $"
                        + " placeholder of its column, separated by commas"
                        + " (for example \"loyalty, 3 or more orders\")"));
            }
        }
        if (relativePath.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            droppedRows(relativePath, new String(content, StandardCharsets.UTF_8)).ifPresent(problems::add);
        }
        return problems;
    }

    private static Optional<RuleProblem> droppedRows(String relativePath, String csv) {
        String[] rows = csv.split("\r?\n", -1);
        boolean inTable = false;
        int blank = -1;
        for (int i = 0; i < rows.length; i++) {
            String first = rows[i].split(",", -1)[0].replace("\"", "").strip();
            if (first.startsWith("RuleTable")) {
                inTable = true;
                blank = -1;
            } else if (inTable && rows[i].replace(",", "").replace("\"", "").isBlank()) {
                blank = blank < 0 ? i : blank;
            } else if (inTable && blank >= 0 && KEYWORDS.contains(first)) {
                inTable = false;
            } else if (inTable && blank >= 0) {
                return Optional.of(new RuleProblem("LS-RULE-0013", relativePath, i + 1, "row " + (i + 1)
                        + " and the rows below it are not read: the blank row " + (blank + 1) + " ends the table;"
                        + " delete the blank row"));
            }
        }
        return Optional.empty();
    }

    /** The spreadsheet row of the rule a generated DRL line belongs to, or 0 before the first rule. */
    static int rowOf(String drl, int drlLine) {
        int row = 0;
        Matcher marker = ROW_MARKER.matcher(drl);
        while (marker.find()) {
            int markerLine = (int) drl.substring(0, marker.start()).chars().filter(c -> c == '\n').count() + 1;
            if (markerLine > drlLine) {
                break;
            }
            row = Integer.parseInt(marker.group(2));
        }
        return row;
    }
}
