package io.lifestage.engine.classify;

import io.lifestage.api.StageModel;
import io.lifestage.api.Transition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a rule pack says of moves between stages, read from its {@value #FILE}: whether a move is allowed, kept
 * although not allowed, or refused, and which lifecycle actions it triggers. For a move the most specific line
 * decides (an exact {@code from,to} line before {@code from,*}, before {@code *,to}, before {@code *,*}); a move no
 * line matches is allowed and triggers nothing. A customer's first stage has {@code from} = {@value #NONE}.
 */
public final class TransitionPolicy {

    static final String FILE = "transitions.csv";
    static final String HEADER = "from,to,policy,actions";
    /** The {@code from} of a customer's first stage. */
    static final String NONE = "none";
    private static final String ANY = "*";

    /** One line of the file, with its number. */
    private record Line(int row, String from, String to, Transition.Policy policy, List<String> actions) {

        int specificity(String moveFrom, String moveTo) {
            boolean fromMatches = from.equals(ANY) || from.equals(moveFrom);
            boolean toMatches = to.equals(ANY) || to.equals(moveTo);
            if (!fromMatches || !toMatches) {
                return -1;
            }
            return (from.equals(ANY) ? 0 : 2) + (to.equals(ANY) ? 0 : 1);
        }
    }

    /** What the policy says of one move. */
    public record Ruling(Transition.Policy policy, List<String> actions) {
    }

    private static final Ruling UNLISTED = new Ruling(Transition.Policy.ALLOWED, List.of());

    private final List<Line> lines;

    private TransitionPolicy(List<Line> lines) {
        this.lines = List.copyOf(lines);
    }

    /** A policy that allows every move and triggers no action: the policy of a pack without the file. */
    public static TransitionPolicy allowAll() {
        return new TransitionPolicy(List.of());
    }

    /** What the policy says of a move; {@code from} is null for a customer's first stage. */
    public Ruling judge(String from, String to) {
        String moveFrom = from == null ? NONE : from;
        Line best = null;
        int bestScore = -1;
        for (Line line : lines) {
            int score = line.specificity(moveFrom, to);
            if (score > bestScore) {
                best = line;
                bestScore = score;
            }
        }
        if (best == null) {
            return UNLISTED;
        }
        // A refused move does not happen: actions on it would reach customers for nothing (validate warns).
        return new Ruling(best.policy(), best.policy() == Transition.Policy.REFUSED ? List.of() : best.actions());
    }

    /**
     * Warnings ({@code LS-RULE-0109}) for lines that refuse a move and list actions: a refused move keeps the customer
     * where they were, so actions on it would reach customers for a move that did not happen.
     */
    List<RuleProblem> refusedWithActions() {
        return lines.stream().filter(line -> line.policy() == Transition.Policy.REFUSED && !line.actions().isEmpty())
                .map(line -> new RuleProblem("LS-RULE-0109", FILE, line.row(), "the move " + line.from() + ","
                        + line.to() + " is refused but lists actions (" + String.join(";", line.actions()) + "),"
                        + " which are never sent: a refused move does not happen, so leave its actions empty or"
                        + " allow it"))
                .toList();
    }

    /**
     * Parses the file's text, adding a problem per bad line (with its number) to {@code problems}.
     *
     * @return the policy, or null when a line is wrong
     */
    static TransitionPolicy parse(String text, StageModel stages, List<RuleProblem> problems) {
        String[] rows = text.split("\r?\n", -1);
        if (!rows[0].trim().equalsIgnoreCase(HEADER)) {
            problems.add(problem(1, "the first line must be the header '" + HEADER + "'"));
            return null;
        }
        int before = problems.size();
        List<Line> lines = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int i = 1; i < rows.length; i++) {
            if (rows[i].isBlank() || rows[i].startsWith("#")) {
                continue;
            }
            try {
                Line line = parseLine(i + 1, CsvLine.split(rows[i]), stages);
                String key = line.from() + "," + line.to();
                if (seen.contains(key)) {
                    throw new IllegalArgumentException("the move " + key + " is listed twice");
                }
                seen.add(key);
                lines.add(line);
            } catch (IllegalArgumentException e) {
                problems.add(problem(i + 1, e.getMessage()));
            }
        }
        return problems.size() > before ? null : new TransitionPolicy(lines);
    }

    private static Line parseLine(int row, List<String> cells, StageModel stages) {
        if (cells.size() < 3 || cells.size() > 4) {
            throw new IllegalArgumentException("expected the cells " + HEADER + ", found " + cells.size());
        }
        String from = stage(cells.get(0), stages, true);
        String to = stage(cells.get(1), stages, false);
        String policy = cells.get(2).trim().toLowerCase(Locale.ROOT);
        Transition.Policy ruled = switch (policy) {
            case "allow" -> Transition.Policy.ALLOWED;
            case "keep" -> Transition.Policy.KEPT_AGAINST_POLICY;
            case "refuse" -> Transition.Policy.REFUSED;
            default -> throw new IllegalArgumentException("policy '" + cells.get(2).trim()
                    + "' is not one of allow, keep, refuse");
        };
        List<String> actions = cells.size() < 4 || cells.get(3).isBlank() ? List.of()
                : Arrays.stream(cells.get(3).split(";")).map(String::trim).filter(a -> !a.isEmpty()).toList();
        return new Line(row, from, to, ruled, actions);
    }

    private static String stage(String cell, StageModel stages, boolean mayBeNone) {
        String name = cell.trim();
        if (name.equals(ANY) || mayBeNone && name.equals(NONE) || stages.declares(name)) {
            return name;
        }
        throw new IllegalArgumentException("'" + name + "' is not a stage of " + RulePack.STAGES_FILE + " ("
                + String.join(", ", stages.names()) + (mayBeNone ? ", or none, or *" : ", or *") + ")");
    }

    private static RuleProblem problem(int line, String message) {
        return new RuleProblem("LS-RULE-0014", FILE, line, message);
    }
}
