package io.lifestage.engine.classify;

import io.lifestage.api.Stage;
import io.lifestage.api.StageModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of a rule pack as read from its directory: the DRL sources by relative path, the stage model
 * declared in {@value #STAGES_FILE}, the transition policy of {@value TransitionPolicy#FILE}, the journeys of
 * {@value Journeys#FILE} and the actions' payloads of {@value ActionCatalog#FILE}. Reading never
 * stops at the first problem; it collects them all.
 */
final class RulePack {

    static final String STAGES_FILE = "stages.csv";
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)", Pattern.MULTILINE);
    private static final String STAGES_HEADER = "name,label,description";

    final Path directory;
    /** Relative path ('/' separated) → DRL text (generated for decision tables), in path order. */
    final Map<String, String> drlFiles = new TreeMap<>();
    /** The relative paths of {@link #drlFiles} that are decision tables: their problems are reported by row. */
    final java.util.Set<String> tables = new java.util.HashSet<>();
    StageModel stageModel;
    /** The text of {@value TransitionPolicy#FILE}, parsed once the stage model is known; null when absent. */
    String transitionsText;
    TransitionPolicy transitions = TransitionPolicy.allowAll();
    /** The text of {@value Journeys#FILE}, parsed once the stage model is known; null when absent. */
    String journeysText;
    Journeys journeys = Journeys.none();
    /** The text of {@value ActionCatalog#FILE}; null when absent. */
    String actionsText;
    ActionCatalog actions = ActionCatalog.none();
    private int drlFilesSeen;
    final List<RuleProblem> problems = new ArrayList<>();
    /** Files that look meant for the pack but are not read (warnings): a wrong extension, a backup folder. */
    final List<RuleProblem> skipped = new ArrayList<>();

    private RulePack(Path directory) {
        this.directory = directory;
    }

    static RulePack read(Path directory) {
        RulePack pack = new RulePack(directory);
        if (!Files.isDirectory(directory)) {
            pack.problems.add(new RuleProblem("LS-RULE-0004", directory.toString(), 0,
                    "the rules directory does not exist or is not a directory (set lifestage.rules.dir or --rules)"));
            return pack;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted().forEach(file -> {
                        String relative = directory.relativize(file).toString().replace('\\', '/');
                        String skipped = SkippedFiles.why(relative);
                        if (skipped != null) {
                            pack.skipped.add(new RuleProblem(SkippedFiles.CODE, relative, 0, skipped));
                        } else {
                            pack.readFile(relative, file);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list rules directory " + directory, e);
        }
        if (pack.drlFilesSeen == 0) {
            pack.problems.add(new RuleProblem("LS-RULE-0005", ".", 0,
                    "no rule file (.drl) or decision table (.xlsx, .xls, .csv) in " + directory.toAbsolutePath()));
        }
        if (pack.stageModel != null && pack.transitionsText != null) {
            TransitionPolicy policy = TransitionPolicy.parse(pack.transitionsText, pack.stageModel, pack.problems);
            pack.transitions = policy == null ? pack.transitions : policy;
        }
        if (pack.stageModel != null && pack.journeysText != null) {
            Journeys journeys = Journeys.parse(pack.journeysText, pack.stageModel, pack.problems);
            pack.journeys = journeys == null ? pack.journeys : journeys;
        }
        if (pack.actionsText != null) {
            ActionCatalog actions = ActionCatalog.parse(pack.actionsText, pack.stageModel, pack.problems);
            pack.actions = actions == null ? pack.actions : actions;
        }
        if (pack.stageModel == null && pack.problems.stream().noneMatch(p -> p.file().equals(STAGES_FILE))) {
            pack.problems.add(new RuleProblem("LS-RULE-0006", STAGES_FILE, 0,
                    "the stage model is missing: add " + STAGES_FILE + " with the header '" + STAGES_HEADER
                            + "' and one line per stage, in funnel order"));
        }
        return pack;
    }

    private void readFile(String relative, Path file) {
        boolean drl = relative.endsWith(".drl");
        if (DecisionTables.isTable(relative)) {
            readTable(relative, file);
            return;
        }
        if (!drl && !relative.equals(STAGES_FILE) && !relative.equals(TransitionPolicy.FILE)
                && !relative.equals(Journeys.FILE) && !relative.equals(ActionCatalog.FILE)) {
            return;
        }
        if (drl) {
            drlFilesSeen++;
        }
        String text;
        try {
            text = decodeUtf8(Files.readAllBytes(file));
        } catch (CharacterCodingException e) {
            problems.add(new RuleProblem("LS-RULE-0007", relative, 0,
                    "not a UTF-8 text file (is it a binary file, or saved in another encoding?)"));
            return;
        } catch (IOException e) {
            problems.add(new RuleProblem("LS-RULE-0007", relative, 0, "cannot be read: " + e.getMessage()));
            return;
        }
        if (text.indexOf('\0') >= 0) {
            problems.add(new RuleProblem("LS-RULE-0007", relative, 0, "not a text file (it contains NUL bytes)"));
        } else if (drl && text.isBlank()) {
            problems.add(new RuleProblem("LS-RULE-0008", relative, 0, "the file is empty: add rules or delete it"));
        } else if (drl) {
            drlFiles.put(relative, text);
        } else if (relative.equals(TransitionPolicy.FILE)) {
            transitionsText = text;
        } else if (relative.equals(Journeys.FILE)) {
            journeysText = text;
        } else if (relative.equals(ActionCatalog.FILE)) {
            actionsText = text;
        } else {
            stageModel = parseStages(text);
        }
    }

    private void readTable(String relative, Path file) {
        drlFilesSeen++;
        try {
            byte[] content = Files.readAllBytes(file);
            String drl = DecisionTables.toDrl(relative, content);
            drlFiles.put(relative, drl);
            tables.add(relative);
            problems.addAll(DecisionTables.mistakes(relative, content, drl));
        } catch (IllegalArgumentException e) {
            problems.add(new RuleProblem("LS-RULE-0013", relative, 0, "decision table cannot be read: "
                    + e.getMessage()));
        } catch (IOException e) {
            problems.add(new RuleProblem("LS-RULE-0007", relative, 0, "cannot be read: " + e.getMessage()));
        }
    }

    /** The line to report for a line of a file's DRL: the same line, or for a decision table its row. */
    int sourceLine(String relative, int drlLine) {
        return tables.contains(relative) ? DecisionTables.rowOf(drlFiles.get(relative), drlLine) : drlLine;
    }

    private static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private StageModel parseStages(String text) {
        List<Stage> stages = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        if (!lines[0].trim().equalsIgnoreCase(STAGES_HEADER)) {
            problems.add(new RuleProblem("LS-RULE-0006", STAGES_FILE, 1,
                    "the first line must be the header '" + STAGES_HEADER + "'"));
            return null;
        }
        int before = problems.size();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                List<String> cells = CsvLine.split(lines[i]);
                if (cells.size() > 3) {
                    throw new IllegalArgumentException("expected 3 cells (" + STAGES_HEADER + "), found " + cells.size()
                            + " (quote cells that contain commas)");
                }
                Stage stage = new Stage(cells.get(0).trim(), cell(cells, 1), cell(cells, 2));
                if (!seen.add(stage.name())) {
                    throw new IllegalArgumentException("stage '" + stage.name() + "' is declared twice");
                }
                stages.add(stage);
            } catch (IllegalArgumentException e) {
                problems.add(new RuleProblem("LS-RULE-0006", STAGES_FILE, i + 1, e.getMessage()));
            }
        }
        if (problems.size() > before) {
            return null;
        }
        try {
            return StageModel.of(stages);
        } catch (IllegalArgumentException e) {
            problems.add(new RuleProblem("LS-RULE-0006", STAGES_FILE, 0, e.getMessage()));
            return null;
        }
    }

    private static String cell(List<String> cells, int index) {
        return index < cells.size() ? cells.get(index).trim() : "";
    }

    /**
     * Where Drools compiles a file: in the folder of the package it declares (Drools warns otherwise), under a name
     * made unique by the file's path in the pack.
     */
    static String resourcePath(String relative, String text) {
        Matcher declared = PACKAGE.matcher(text);
        String folder = declared.find() ? declared.group(1).replace('.', '/') + "/" : "";
        return folder + relative.replace("/", "__") + (relative.endsWith(".drl") ? "" : ".drl");
    }
}
