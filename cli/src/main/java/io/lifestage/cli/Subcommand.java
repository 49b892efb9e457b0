package io.lifestage.cli;

import io.lifestage.engine.classify.RuleBase;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code lifestage} subcommand shares: {@code --help} and {@code --version}, the streams it writes to, and
 * an {@link ExitCodes exit code} as its result.
 */
@Command(mixinStandardHelpOptions = true)
abstract class Subcommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Where results go: standard output, or the stream a test or host gave {@link Main#run}. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Where summaries, warnings and errors go: standard error, or the stream given to {@link Main#run}. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints the rule pack's warnings (legal, but probably not meant) on {@link #err()}. */
    void printWarnings(RuleBase ruleBase) {
        ruleBase.warnings().forEach(warning -> err().println("warning: " + warning));
    }
}
