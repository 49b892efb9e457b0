package io.lifestage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.spi.Source;
import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.classify.RuleBase;
import io.lifestage.engine.classify.TransitionPolicy;
import io.lifestage.engine.config.RulesSettings;
import io.lifestage.engine.connect.Connectors;
import io.lifestage.engine.connect.SettingsContext;
import io.lifestage.engine.connect.SourceFacts;
import io.lifestage.engine.diff.MoveMatrix;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decision-table example decides exactly like the DRL pack, whether the table is a CSV file or a workbook. */
class DecisionTablePackTest {

    private static final Path TABLE_PACK = Path.of("examples", "decision-table");
    private static final Path SAMPLE = Path.of("sample", "events.jsonl");
    private static LifestageContainer container;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        container = LifestageContainer.start(Map.of(RulesSettings.DIR, "pack"), null);
    }

    @AfterAll
    static void stop() {
        container.close();
    }

    private MoveMatrix movesTo(RuleBase candidate) {
        try (Source source = Connectors.installed(getClass().getClassLoader()).newSource("file")) {
            source.start(new SettingsContext("sample", Map.of("path", SAMPLE.toString()), rejected -> { }));
            return container.packDiff().compare(container.ruleBase(), candidate, new SourceFacts(source),
                    Instant.parse("2026-11-01T00:00:00Z"), 3);
        }
    }

    @Test
    void theCsvTableGivesTheSameStageToEverySampleCustomer() {
        MoveMatrix moves = movesTo(container.compile(TABLE_PACK));

        assertThat(moves.customers()).isEqualTo(2_000);
        assertThat(moves.moved()).isZero();
        assertThat(container.compile(TABLE_PACK).warnings()).isEmpty();
    }

    @Test
    void theTableExampleTriggersTheSameLifecycleActionsAsTheDrlPack() {
        TransitionPolicy table = container.compile(TABLE_PACK).transitions();
        TransitionPolicy drl = container.ruleBase().transitions();
        List<String> stages = container.ruleBase().stageModel().names();

        for (String from : stages) {
            for (String to : stages) {
                assertThat(table.judge(from, to)).as(from + " -> " + to).isEqualTo(drl.judge(from, to));
            }
            assertThat(table.judge(null, from)).as("new -> " + from).isEqualTo(drl.judge(null, from));
        }
        assertThat(table.judge("retention", "churn").actions()).containsExactly("win-back-offer");
    }

    @Test
    void theSameTableAsAnExcelWorkbookDecidesTheSame() throws IOException {
        Path pack = Files.createDirectories(dir.resolve("xlsx-pack"));
        Files.copy(TABLE_PACK.resolve("stages.csv"), pack.resolve("stages.csv"));
        writeWorkbook(TABLE_PACK.resolve("stages-table.csv"), pack.resolve("stages-table.xlsx"));

        RuleBase workbook = container.compile(pack);

        assertThat(movesTo(workbook).moved()).isZero();
    }

    @Test
    void changingAThresholdCellMovesCustomers() throws IOException {
        Path pack = Files.createDirectories(dir.resolve("changed"));
        Files.copy(TABLE_PACK.resolve("stages.csv"), pack.resolve("stages.csv"));
        Files.writeString(pack.resolve("stages-table.csv"), Files.readString(TABLE_PACK.resolve("stages-table.csv"))
                .replace("\"365, 3\"", "\"365, 2\""));

        MoveMatrix moves = movesTo(container.compile(pack));

        assertThat(moves.moved()).isEqualTo(moves.count("retention", "loyalty")).isPositive();
    }

    /** Copies a CSV sheet cell by cell into an .xlsx workbook, as an analyst saving it from Excel would. */
    private static void writeWorkbook(Path csv, Path xlsx) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(xlsx)) {
            Sheet sheet = workbook.createSheet("Stages");
            List<List<String>> rows = CsvRows.parse(Files.readString(csv));
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    if (!rows.get(r).get(c).isEmpty()) {
                        row.createCell(c).setCellValue(rows.get(r).get(c));
                    }
                }
            }
            workbook.write(out);
        }
    }
}
