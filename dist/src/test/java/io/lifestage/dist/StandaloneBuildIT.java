package io.lifestage.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * Follows the plugin guide's "Build outside the repository" to the letter: runs its install command in this checkout,
 * copies {@code plugins/spool} to a directory outside it, builds the copy with the guide's command against the
 * installed artifacts, and checks that the contract tests ran. The artifacts go to a Maven repository of the test's
 * own, which reads everything else from the user's ({@code maven.repo.local.tail}), so the user's stays as it was.
 */
class StandaloneBuildIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path GUIDE = ROOT.resolve("docs/plugin-guide.md");
    private static final Path USER_REPOSITORY = Path.of(System.getProperty("user.home"), ".m2", "repository");

    @Test
    void theSpoolConnectorBuildsAndRunsItsContractTestsOutsideTheRepository(@TempDir Path dir) throws Exception {
        String section = section(Files.readString(GUIDE), "## Build outside the repository");
        Path repository = dir.resolve("repository");

        maven(ROOT, commandStartingWith(section, "./mvnw "), repository);

        Path copy = dir.resolve("my-connector");
        Trees.copy(ROOT.resolve("plugins/spool"), copy, file -> !file.startsWith("target"));
        assertThat(normalized(Files.readString(copy.resolve("pom.xml"))))
                .as("the copied pom imports the BOM as the guide shows")
                .contains(normalized(xmlBlock(section)));
        maven(copy, commandStartingWith(section, "mvn "), repository);

        Path reports = copy.resolve("target/surefire-reports");
        assertThat(testsRun(reports, "SourceContractTest")).isPositive();
        assertThat(testsRun(reports, "SinkContractTest")).isPositive();
        assertThat(testsRun(reports, "ConnectorProviderTest")).isPositive();
    }

    /** Runs a Maven command of the guide with the checkout's wrapper, into the test's repository. */
    private static void maven(Path workingDirectory, List<String> command, Path repository)
            throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        line.add(ROOT.resolve("mvnw").toString());
        line.addAll(command.subList(1, command.size()));
        line.addAll(List.of("-B", "-ntp", "-Dmaven.repo.local=" + repository,
                "-Dmaven.repo.local.tail=" + USER_REPOSITORY));
        if ("offline=true".equals(System.getProperty("lifestage.build"))) {
            line.add("--offline");
        }
        Path log = Files.createTempFile(repository.getParent(), "maven", ".log");
        Process maven = new ProcessBuilder(line).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!maven.waitFor(10, TimeUnit.MINUTES)) {
            maven.destroyForcibly();
            throw new AssertionError(String.join(" ", line) + " did not finish in 10 minutes");
        }
        assertThat(maven.exitValue()).as("%s in %s, whose output ends:%n%s", String.join(" ", line),
                workingDirectory, tail(Files.readAllLines(log))).isZero();
    }

    private static String section(String guide, String heading) {
        int start = guide.indexOf(heading + "\n");
        assertThat(start).as("docs/plugin-guide.md has a section '%s'", heading).isNotNegative();
        int end = guide.indexOf("\n## ", start + heading.length());
        return guide.substring(start, end < 0 ? guide.length() : end);
    }

    private static List<String> commandStartingWith(String section, String start) {
        return section.lines().filter(line -> line.startsWith(start)).findFirst()
                .map(line -> Arrays.asList(line.trim().split("\\s+")))
                .orElseThrow(() -> new AssertionError("the guide's section gives no command starting with '"
                        + start + "'"));
    }

    private static String xmlBlock(String section) {
        Matcher block = Pattern.compile("```xml\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertThat(block.find()).as("the guide's section shows the pom's BOM import").isTrue();
        return block.group(1);
    }

    /** The XML without comments and with its white space made single spaces, none between tags. */
    private static String normalized(String xml) {
        return xml.replaceAll("(?s)<!--.*?-->", "").replaceAll("\\s+", " ").replace("> <", "><").trim();
    }

    /** The tests surefire's report of the one test class whose name ends so says it ran; failures fail here. */
    private static int testsRun(Path reports, String classNameEnd) throws Exception {
        Path report;
        try (Stream<Path> files = Files.list(reports)) {
            report = files.filter(file -> file.getFileName().toString().endsWith(classNameEnd + ".xml"))
                    .findFirst().orElseThrow(() -> new AssertionError("no surefire report of a *" + classNameEnd
                            + " in " + reports));
        }
        Element suite;
        try (InputStream in = Files.newInputStream(report)) {
            suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in).getDocumentElement();
        }
        assertThat(suite.getAttribute("failures") + "/" + suite.getAttribute("errors")).as(report.toString())
                .isEqualTo("0/0");
        return Integer.parseInt(suite.getAttribute("tests")) - Integer.parseInt(suite.getAttribute("skipped"));
    }

    private static String tail(List<String> lines) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
