package io.lifestage.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A small rule pack written for a test: {@code stages.csv} from the stage names, and {@code rules.drl} as
 * {@link #HEADER} followed by the test's rules; or a copy of an existing pack, for a test that changes it.
 *
 * <pre>{@code
 * TestPack.write(dir, "visitor,buyer", """
 *         rule "buyer" salience 2 when CustomerMetrics( orders > 0 ) then verdict.assign("buyer", "bought"); end
 *         rule "visitor" salience 1 when CustomerMetrics( ) then verdict.assign("visitor", "seen"); end
 *         """);
 * }</pre>
 */
public final class TestPack {

    /** The four lines every test pack's rules start with: rules are on line 5 and below. */
    public static final String HEADER = """
            package test;
            import io.lifestage.api.rules.CustomerMetrics;
            global io.lifestage.api.rules.Verdict verdict;
            global io.lifestage.api.rules.Thresholds threshold;
            """;

    private TestPack() {
    }

    /**
     * Writes the pack into a directory, creating it if need be, and returns the directory.
     *
     * @param stages the stage names in order, separated by commas, for example {@code "visitor,buyer"}
     * @param rules  DRL rules, written after {@link #HEADER}
     */
    public static Path write(Path dir, String stages, String rules) throws IOException {
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder("name,label,description\n");
        for (String stage : stages.split(",")) {
            csv.append(stage.strip()).append(",,\n");
        }
        Files.writeString(dir.resolve("stages.csv"), csv);
        Files.writeString(dir.resolve("rules.drl"), HEADER + rules);
        return dir;
    }

    /**
     * Copies a pack, its subdirectories included, into a directory (created if need be) and returns the directory: a
     * test or a benchmark can then change the copy without touching the pack in the repository.
     */
    public static Path copy(Path pack, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(pack)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(pack.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }
}
