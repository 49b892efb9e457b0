package io.lifestage.cli;

import picocli.CommandLine.Mixin;

/** A subcommand that starts the engine: {@code --config FILE} and {@code --rules DIR} say with what. */
abstract class EngineCommand extends Subcommand {

    @Mixin
    EngineOptions engineOptions;
}
