package io.lifestage.engine.classify;

import java.io.ByteArrayInputStream;
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
    private static final Pattern ROW_MARKER = Pattern.compile("^// rule values at ([A-Z]+)(\\d+)", Pattern.MULTILINE);

    private DecisionTables() {
    }

    static boolean isTable(String relativePath) {
        String name = relativePath.toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".xlsx") || name.endsWith(".xls")
                || name.endsWith(".csv") && !relativePath.equals(RulePack.STAGES_FILE)
                && !relativePath.equals(TransitionPolicy.FILE);
    }

    /**
     * The DRL of a decision table.
     *
     * @throws IllegalArgumentException with the spreadsheet's own words (cell references included) when the table
     *                                  cannot be read
     */
    static String toDrl(String relativePath, byte[] content) {
        boolean csv = relativePath.toLowerCase(java.util.Locale.ROOT).endsWith(".csv");
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
