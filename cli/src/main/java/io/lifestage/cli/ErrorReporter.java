package io.lifestage.cli;

import io.lifestage.engine.classify.RulePackException;
import picocli.CommandLine;

/** Prints what went wrong in one or a few lines, without a stack trace, and picks the exit code. */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        if (e instanceof RulePackException invalid) {
            command.getErr().println("error: " + invalid.getMessage());
            return ExitCodes.INVALID_RULES;
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        command.getErr().println("error: " + message);
        if (Boolean.getBoolean("lifestage.debug")) {
            e.printStackTrace(command.getErr());
        }
        return ExitCodes.FAILURE;
    }
}
