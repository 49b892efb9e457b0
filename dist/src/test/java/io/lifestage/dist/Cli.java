package io.lifestage.dist;

import io.lifestage.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the {@code lifestage} command line in this JVM, or in a new one with its own environment. */
final class Cli {

    /** The default rule pack of this checkout. */
    static final Path DEFAULT_PACK = Path.of("..", "rules", "pack").toAbsolutePath().normalize();
    /** The sample events beside the default rule pack, which the commands' tests classify, diff and report on. */
    static final Path SAMPLE_EVENTS = DEFAULT_PACK.resolveSibling("sample").resolve("events.jsonl");

    private Cli() {
    }

    /** Copies these files of the default rule pack into {@code pack}, under the same names. */
    static void copyFromDefaultPack(Path pack, String... files) throws IOException {
        for (String file : files) {
            Files.copy(DEFAULT_PACK.resolve(file), pack.resolve(file));
        }
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

    /**
     * Writes the settings of {@code lifestage serve} on loopback with one read-write key and an H2 file store in
     * {@code dir}, and returns the file.
     */
    static Path serveConfig(Path dir, String token) throws IOException {
        return Files.writeString(dir.resolve("lifestage.properties"), String.join("\n",
                "lifestage.store.url=" + storeUrl(dir), "lifestage.server.host=127.0.0.1",
                "lifestage.server.keys=ingest", "lifestage.server.key.ingest.token=" + token,
                "lifestage.server.key.ingest.scopes=read,write", "lifestage.host.erasure-salt=test-salt",
                "lifestage.rules.watch=false", ""));
    }

    /** The JDBC URL of the H2 file store {@link #serveConfig} puts in {@code dir}. */
    static String storeUrl(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("store").toString().replace('\\', '/');
    }

    /** The ids of the customers with facts in the H2 file store {@link #serveConfig} puts in {@code dir}. */
    static Set<String> storedCustomers(Path dir) throws SQLException {
        Set<String> users = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(storeUrl(dir), "sa", "");
             ResultSet rows = connection.createStatement().executeQuery("SELECT customer_id FROM ls_fact_segment")) {
            while (rows.next()) {
                users.add(rows.getString(1));
            }
        }
        return users;
    }

    /** Waits for a started {@code serve} to print where it serves, and returns that base URI. */
    static String awaitServing(Path out) throws IOException, InterruptedException {
        Pattern serving = Pattern.compile("serving on (http://\\S+/)");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            Matcher matcher = serving.matcher(Files.readString(out));
            if (matcher.find()) {
                return matcher.group(1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not start within 2 minutes: " + Files.readString(out));
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
