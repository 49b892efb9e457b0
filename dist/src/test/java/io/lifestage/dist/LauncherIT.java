package io.lifestage.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./lifestage} launcher, run on a copy of this build ({@code LIFESTAGE_DIST}): the garbage collector it
 * picks for each command, and, on Java 25 or later, the JVM's ahead-of-time cache it makes once, by a training run
 * over the sample pipeline into a store of its own, and starts every later command from it (with a JDK 25 found under
 * {@code /usr/lib/jvm}; those tests are skipped when there is none).
 */
class LauncherIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;
    private Path dist;
    private Path jdk;

    @BeforeEach
    void copyTheBuild() throws IOException {
        jdk = Path.of(System.getProperty("java.home"));
        dist = dir.resolve("dist");
        Files.createDirectory(dist);
        for (String part : List.of("classes", "lib")) {
            Trees.copy(ROOT.resolve("dist/target").resolve(part), dist.resolve(part), file -> true);
        }
    }

    @Test
    void commandsThatEndCollectWithTheParallelCollectorAndServersWithG1() throws Exception {
        Launched run = launch(Map.of(), List.of("--log-level", "warn", "run", "--help"), "-Xlog:gc=info");
        Launched serve = launch(Map.of(), List.of("serve", "--help"), "-Xlog:gc=info");
        Launched chosen = launch(Map.of(), List.of("run", "--help"), "-XX:+UseSerialGC", "-Xlog:gc=info");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Using Parallel");
        assertThat(serve.exitCode()).as(serve.output()).isZero();
        assertThat(serve.output()).contains("Using G1");
        assertThat(chosen.exitCode()).as("the collector of LIFESTAGE_JAVA_OPTS wins: " + chosen.output()).isZero();
        assertThat(chosen.output()).contains("Using Serial");
    }

    @Test
    void theFirstCommandMakesTheCacheOnceAndLaterCommandsStartFromIt() throws Exception {
        useJdk25();
        Path userStore = dir.resolve("user-store");

        Launched first = launch(Map.of("LIFESTAGE_STORE_URL", "jdbc:h2:file:" + userStore), List.of("--version"));
        Launched second = launch(Map.of(), List.of("--version"), "-Xlog:aot=info");

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("preparing the JVM's start-up cache").contains("lifestage ");
        try (Stream<Path> caches = Files.list(dist.resolve("aot"))) {
            assertThat(caches.map(path -> path.getFileName().toString())).singleElement()
                    .satisfies(name -> assertThat(name).startsWith("lifestage-").endsWith(".aot"));
        }
        assertThat(Files.exists(dir.resolve("user-store.mv.db")))
                .as("the training run ignores the user's store setting").isFalse();
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).doesNotContain("preparing").contains("Using AOT-linked classes");
    }

    @Test
    void offTurnsTheCacheOff() throws Exception {
        useJdk25();
        Launched launched = launch(Map.of("LIFESTAGE_AOT", "off"), List.of("--version"));

        assertThat(launched.exitCode()).as(launched.output()).isZero();
        assertThat(launched.output()).doesNotContain("preparing");
        assertThat(Files.exists(dist.resolve("aot"))).isFalse();
    }

    private void useJdk25() throws IOException {
        jdk = jdkFrom(25).orElse(null);
        assumeTrue(jdk != null, "no JDK 25 or later under /usr/lib/jvm");
    }

    private record Launched(int exitCode, String output) {
    }

    /** Runs the launcher with the copy of the build on the JDK, these settings and, last, JVM options for the run. */
    private Launched launch(Map<String, String> settings, List<String> arguments, String... jvmOptions)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("lifestage").toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("JAVA_HOME", jdk.toString());
        environment.put("LIFESTAGE_DIST", dist.toString());
        environment.put("LIFESTAGE_JAVA_OPTS", String.join(" ", jvmOptions));
        builder.environment().putAll(environment);
        Path output = dir.resolve("launcher.out");
        Process process = builder.redirectOutput(output.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the launcher did not finish in 3 minutes: " + Files.readString(output));
        }
        return new Launched(process.exitValue(), Files.readString(output));
    }

    /** A JDK of this feature version or later under /usr/lib/jvm, as its {@code release} file says. */
    private static Optional<Path> jdkFrom(int feature) throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> jdks = Files.list(jvms)) {
            return jdks.filter(jdk -> Files.isExecutable(jdk.resolve("bin/java"))).filter(jdk -> {
                try {
                    String release = Files.readString(jdk.resolve("release"));
                    String version = release.replaceAll("(?s).*JAVA_VERSION=\"(\\d+).*", "$1");
                    return version.matches("\\d+") && Integer.parseInt(version) >= feature;
                } catch (IOException e) {
                    return false;
                }
            }).findFirst();
        }
    }
}
