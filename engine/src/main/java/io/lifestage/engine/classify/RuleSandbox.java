package io.lifestage.engine.classify;

import io.lifestage.engine.internal.Suggestions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a rule may do, checked in its source before Drools compiles it: read the customer's metrics, the thresholds
 * and the pack's own declared types, and assign the verdict. Anything else — {@code System}, files, threads,
 * reflection, loops, the clock, random numbers, changing facts ({@code insert}, {@code update}, {@code modify},
 * {@code retract}) — is refused
 * ({@code LS-RULE-0016}) with its file and line, since a rule runs inside every run, server and reload of the pack.
 */
final class RuleSandbox {

    static final String CODE = "LS-RULE-0016";
    private static final String ALLOWED_WORDS = "a rule reads the customer (CustomerMetrics) and thresholds and calls"
            + " verdict.assign(stage, reason); see docs/rule-authoring.md";
    /** Types a rule may name besides the types the pack declares, and exceptions and errors, which it may throw. */
    private static final Set<String> ALLOWED_TYPES = Set.of("CustomerMetrics", "EventHistory", "Verdict",
            "Thresholds", "String", "StringBuilder", "Character", "Integer", "Long", "Double", "Boolean",
            "BigDecimal", "Math", "Objects", "List", "Set", "Map", "Arrays", "Collections", "Instant", "Duration",
            "Period", "ChronoUnit", "LocalDate", "LocalDateTime", "ZonedDateTime", "ZoneId", "ZoneOffset",
            "DayOfWeek", "Month");
    private static final List<String> ALLOWED_IMPORTS = List.of("io.lifestage.api.rules.", "java.time.",
            "java.lang.Math", "java.math.BigDecimal", "java.util.List", "java.util.Set", "java.util.Map",
            "java.util.Arrays", "java.util.Collections", "java.util.Objects");
    /** Words a rule may not use, by why, in an analyst's terms. */
    private static final Map<String, String> FORBIDDEN = byWord(Map.of(
            "change the facts of the session", "insert insertLogical update modify retract delete",
            "reach the rule engine itself", "drools kcontext",
            "use reflection", "getClass class forName Class Method",
            "use threads", "synchronized Thread Executors",
            "loop", "while for foreach do until",
            "stop the program or read its environment", "System",
            "stop the program or start others", "Runtime ProcessBuilder",
            "read or write files", "File Files Path Paths FileWriter FileReader PrintWriter FileOutputStream",
            "read the clock (compare with asOf, so that a replay as of a date decides the same)", "now",
            "draw random numbers (the same customer must always get the same stage)", "random Random"));
    private static final Pattern WORD = Pattern.compile("(?<![\\w$])([A-Za-z_]\\w*)");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+|function\\s+)?([\\w.*]+)");
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w$.])((?:[a-z_]\\w*\\s*\\.\\s*)+)([A-Z]\\w*)");
    private static final Pattern DECLARED = Pattern.compile("\\bdeclare\\s+(\\w+)");
    private static final Pattern HEAD = Pattern.compile("^\\s*(package|import|global)\\b");

    private RuleSandbox() {
    }

    /** A problem for every use of something outside the allow-list, in every rule file of the pack. */
    static List<RuleProblem> check(RulePack pack) {
        List<RuleProblem> problems = new ArrayList<>();
        pack.drlFiles.forEach((file, text) -> {
            String[] lines = codeOnly(text).split("\n", -1);
            Set<String> types = declaredTypes(lines);
            for (int i = 0; i < lines.length; i++) {
                String refusal = refusal(lines[i], types);
                if (refusal != null) {
                    problems.add(new RuleProblem(CODE, file, pack.sourceLine(file, i + 1), refusal));
                }
            }
        });
        return problems;
    }

    private static Set<String> declaredTypes(String[] lines) {
        Set<String> types = new TreeSet<>(ALLOWED_TYPES);
        for (String line : lines) {
            Matcher declared = DECLARED.matcher(line);
            while (declared.find()) {
                types.add(declared.group(1));
            }
        }
        return types;
    }

    /** What is refused on the line, as a sentence; null when the line is allowed. */
    private static String refusal(String line, Set<String> types) {
        Matcher imported = IMPORT.matcher(line);
        if (imported.find()) {
            String name = imported.group(1);
            return ALLOWED_IMPORTS.stream().anyMatch(name::startsWith) ? null
                    : "rules may not import " + name + ": " + ALLOWED_WORDS;
        }
        if (HEAD.matcher(line).find()) {
            return null;
        }
        Matcher qualified = QUALIFIED.matcher(line);
        while (qualified.find()) {
            String name = qualified.group(1).replaceAll("\\s", "") + qualified.group(2);
            if (!name.startsWith("io.lifestage.api.rules.")) {
                return "rules may not use " + name + ": " + ALLOWED_WORDS;
            }
        }
        Matcher word = WORD.matcher(line);
        while (word.find()) {
            String name = word.group(1);
            String why = FORBIDDEN.get(name);
            if (why != null) {
                return "rules may not " + why + " ('" + name + "'): " + ALLOWED_WORDS;
            }
            boolean member = word.start() > 0 && line.charAt(word.start() - 1) == '.';
            if (!member && Character.isUpperCase(name.charAt(0)) && !types.contains(name)
                    && !isThrowable(name) && namesAType(line, word.end())) {
                return "rules may not use '" + name + "'" + Suggestions.didYouMean(name, types) + ": " + ALLOWED_WORDS;
            }
        }
        return null;
    }

    private static Map<String, String> byWord(Map<String, String> wordsByWhy) {
        Map<String, String> whyByWord = new HashMap<>();
        wordsByWhy.forEach((why, words) -> Arrays.stream(words.split(" ")).forEach(word -> whyByWord.put(word, why)));
        return Map.copyOf(whyByWord);
    }

    /** Exceptions and errors, which a rule may throw: the engine reports them with the rule and the customer. */
    private static boolean isThrowable(String name) {
        return name.endsWith("Exception") || name.endsWith("Error");
    }

    /** Whether the capitalised word ending at {@code end} is used as a type: followed by '.' or '('. */
    private static boolean namesAType(String line, int end) {
        String rest = line.substring(end).stripLeading();
        return rest.startsWith(".") || rest.startsWith("(");
    }

    /** The text with comments and the insides of string literals blanked, lines kept in place. */
    static String codeOnly(String text) {
        StringBuilder code = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '"' && text.charAt(end) != '\n') {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end, text.length());
                code.append('"').append(blank(text, i + 1, end));
                if (end < text.length() && text.charAt(end) == '"') {
                    code.append('"');
                    end++;
                }
                i = end;
            } else if (text.startsWith("//", i) || text.startsWith("#", i)) {
                int end = text.indexOf('\n', i);
                end = end < 0 ? text.length() : end;
                code.append(blank(text, i, end));
                i = end;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 2;
                code.append(blank(text, i, end));
                i = end;
            } else {
                code.append(c);
                i++;
            }
        }
        return code.toString();
    }

    private static String blank(String text, int from, int to) {
        StringBuilder blank = new StringBuilder(to - from);
        for (int i = from; i < to && i < text.length(); i++) {
            blank.append(text.charAt(i) == '\n' ? '\n' : ' ');
        }
        return blank.toString();
    }
}
