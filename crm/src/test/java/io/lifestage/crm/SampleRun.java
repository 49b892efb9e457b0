package io.lifestage.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.lifestage.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code lifestage run} of the repository's sample, for a CRM connector's end-to-end test: the sample's rule pack,
 * its events from the file, and a source and a sink named {@code crm} that reach the CRM's fake, which the test first
 * fills with the sample's {@link #contacts()}. Paths are those seen from a plugin module, where such tests run.
 */
public final class SampleRun {

    private static final Path RULES = Path.of("..", "..", "rules").toAbsolutePath().normalize();
    private static final Path SAMPLE = RULES.resolve("sample");

    private SampleRun() {
    }

    /** The sample's CRM contacts in file order, each its cells by column: id, email, company, ..., updated_at. */
    public static List<Map<String, String>> contacts() throws IOException {
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(SAMPLE.resolve("contacts.csv").toFile())) {
            return rows.readAll();
        }
    }

    /**
     * Runs the sample pipeline as of the date, with its store and configuration in {@code dir}, and returns what it
     * printed; fails the test when it exits with an error.
     *
     * @param crm     the settings of both the source and the sink named crm: type, address, credentials, id field
     * @param more    further configuration lines, such as {@code lifestage.source.crm.fields=Email}
     * @param content what a file sink beside the CRM writes ({@code decisions} or {@code transitions})
     * @param output  the file it writes them to
     */
    public static String run(Path dir, String asOf, Map<String, String> crm, List<String> more, String content,
                             Path output) throws IOException {
        Map<String, Map<String, String>> sources = new LinkedHashMap<>();
        sources.put("crm", new LinkedHashMap<>(crm));
        sources.get("crm").put("settle-time", "0s");
        sources.put("events", Map.of("type", "file", "path", SAMPLE.resolve("events.jsonl").toString()));
        Map<String, Map<String, String>> sinks = new LinkedHashMap<>();
        sinks.put("crm", crm);
        sinks.put("out", Map.of("type", "file", "content", content, "path", output.toString()));
        List<String> config = new ArrayList<>(List.of("lifestage.store.url=jdbc:h2:file:" + dir.resolve("store")));
        declare(config, "source", sources);
        declare(config, "sink", sinks);
        config.addAll(more);
        Path file = Files.write(dir.resolve("run.properties"), config);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "run", "--rules",
                RULES.resolve("pack").toString(), "--config", file.toString(), "--as-of", asOf, "--quiet",
                "--rejects", dir.resolve("rejects.jsonl").toString());
        assertThat(exit).as("exit code of lifestage run as of %s: %s", asOf, err).isZero();
        return out.toString();
    }

    /** Configures the sources or sinks ({@code role}): their names in use, then each one's settings. */
    private static void declare(List<String> config, String role, Map<String, Map<String, String>> connectors) {
        config.add("lifestage." + role + "s=" + String.join(",", connectors.keySet()));
        connectors.forEach((name, settings) -> settings.forEach((key, value) ->
                config.add("lifestage." + role + "." + name + "." + key + "=" + value)));
    }
}
