package io.lifestage.dist;

import io.lifestage.engine.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the {@code lifestage} command line in this JVM, or in a new one with its own environment. */
final class Cli {

    /** The default rule pack of this checkout. */
    static final Path DEFAULT_PACK = Path.of("..", "rules", "pack").toAbsolutePath().normalize();

    private Cli() {
    }

    /** What a run printed and returned. */
    record Result(int exitCode, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs the command in a fresh JVM with extra environment variables, as an operator's shell would. */
    static Result runWithEnvironment(Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("lifestage-out", ".txt");
        Path err = Files.createTempFile("lifestage-err", ".txt");
        Process process = start(environment, out, err, args);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("lifestage did not finish within 2 minutes");
        }
        Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    /** Starts the command in a fresh JVM and returns at once, its output going to the two files. */
    static Process start(Map<String, String> environment, Path out, Path err, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }
}
