package io.lifestage.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code lifestage} command. */
@Command(name = "lifestage",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Tells, for every customer, which lifecycle stage they are in and why.",
        subcommands = {ClassifyCommand.class, ExplainCommand.class, ValidateCommand.class, TestCommand.class,
            DiffCommand.class, WatchCommand.class, GenerateCommand.class, PluginsCommand.class, RunCommand.class,
            ReportCommand.class, ServeCommand.class, StreamCommand.class},
        footer = {"", "Exit codes: 0 success, 1 failure, 2 usage error, 3 invalid rule pack,",
            "4 rule pack valid with warnings (validate)."})
final class LifestageCommand {

    /** Applied from the raw arguments before logging starts ({@link LogLevel#applyEarly}); declared for help. */
    @Option(names = "--log-level", paramLabel = "LEVEL", scope = ScopeType.INHERIT,
            description = "How much of Lifestage's log, connectors included, goes to standard error: ERROR, WARN"
                    + " (default), INFO, DEBUG or TRACE.")
    LogLevel logLevel;
}
