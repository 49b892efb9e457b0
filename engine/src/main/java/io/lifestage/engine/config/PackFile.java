package io.lifestage.engine.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings a rule pack carries in the {@value #NAME} beside its rules: its own thresholds
 * ({@code lifestage.threshold.*}) and the events it needs counted besides the default vocabulary
 * ({@value #EXTRA_EVENTS}, comma-separated) and the customer attributes its rules read
 * ({@value #ATTRIBUTES}{@code <name>=<source>}). Read line by line so that every value keeps its line number.
 */
final class PackFile {

    static final String NAME = "pack.properties";
    static final String EXTRA_EVENTS = "lifestage.metrics.extra-events";
    /** The prefix of the attributes a pack declares, {@code lifestage.metrics.attributes.<name>=<source>}. */
    static final String ATTRIBUTES = "lifestage.metrics.attributes.";

    /** One {@code key=value} line; {@code key} alone, with a null value, when the line has no '='. */
    record Line(String key, String value, int number) {
    }

    private PackFile() {
    }

    /** The settings lines of the pack in {@code directory}, none when it has no {@value #NAME}. */
    static List<Line> lines(Path directory) {
        Path file = directory.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> text;
        try {
            text = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            int equals = line.indexOf('=');
            lines.add(equals < 0 ? new Line(line, null, i + 1)
                    : new Line(line.substring(0, equals).strip(), line.substring(equals + 1).strip(), i + 1));
        }
        return lines;
    }

    /** The extra events the pack in {@code directory} declares. */
    static List<String> extraEvents(Path directory) {
        return lines(directory).stream().filter(line -> line.key().equals(EXTRA_EVENTS) && line.value() != null)
                .flatMap(line -> Arrays.stream(line.value().split(","))).map(String::strip)
                .filter(event -> !event.isEmpty()).toList();
    }

    /** The attributes the pack in {@code directory} declares: name → source, as written. */
    static Map<String, String> attributes(Path directory) {
        Map<String, String> attributes = new LinkedHashMap<>();
        lines(directory).stream().filter(PackFile::declaresAttribute)
                .forEach(line -> attributes.put(line.key().substring(ATTRIBUTES.length()), line.value()));
        return attributes;
    }

    /** Whether a line declares an attribute. */
    static boolean declaresAttribute(Line line) {
        return line.key().startsWith(ATTRIBUTES) && line.key().length() > ATTRIBUTES.length() && line.value() != null;
    }
}
