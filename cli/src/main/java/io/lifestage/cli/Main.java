package io.lifestage.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code lifestage} command. */
public final class Main {

    private Main() {
    }

    /** Runs the command line and exits with its code (see {@link ExitCodes}). */
    public static void main(String[] args) {
        System.exit(run(args));
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
