package io.lifestage.cli;

import io.lifestage.api.LifestageException;
import picocli.CommandLine;

/** Prints what went wrong in one or a few lines, without a stack trace, and picks the exit code. */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        command.getErr().println("error: " + message);
        if (Boolean.getBoolean("lifestage.debug")) {
            e.printStackTrace(command.getErr());
        }
        return e instanceof LifestageException failure ? ExitCodes.of(failure.kind()) : ExitCodes.FAILURE;
    }
}
