package io.lifestage.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code lifestage} command. */
public final class Main {

    private Main() {
    }

    /** Runs the command line and exits with its code (see {@link ExitCodes}). */
    public static void main(String[] args) {
        withoutH2ValueCache();
        System.exit(run(args));
    }

    /**
     * Turns H2's cache of recent values off, unless the JVM says otherwise ({@code -Dh2.objectCache=true}): to share
     * equal values, it hashes every string and byte array of up to 4 KB that H2 reads or writes, a customer's fact
     * segment included, and this process keeps none of them. Without it a daily run over a million customers took
     * a tenth less time (bench/README.md). H2 reads the setting once, when it first needs it, so it is set first.
     */
    private static void withoutH2ValueCache() {
        if (System.getProperty("h2.objectCache") == null) {
            System.setProperty("h2.objectCache", "false");
        }
    }

    /** Runs the command line with standard output and error; returns the exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line writing to the given streams; returns the exit code. For tests and embedding. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        LogLevel.applyEarly(args);
        return new CommandLine(new LifestageCommand())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(new ErrorReporter())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
    }
}
