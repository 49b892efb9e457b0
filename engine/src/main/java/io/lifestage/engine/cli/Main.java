package io.lifestage.engine.cli;

import picocli.CommandLine;

/** Entry point of the {@code lifestage} command. */
public final class Main {

    private Main() {
    }

    /** Runs the command line and exits with its code (see {@link ExitCodes}). */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; for tests and embedding. */
    public static int run(String... args) {
        return new CommandLine(new LifestageCommand())
                .setExecutionExceptionHandler(new ErrorReporter())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
    }
}
