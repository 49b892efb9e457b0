package io.lifestage.cli;

import io.lifestage.engine.config.RulesSettings;
import io.lifestage.stream.StreamNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lifestage stream}: one node of the distributed mode on Kafka Streams, see {@link StreamNode}. */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = "Runs a node of the distributed mode on Kafka Streams: Segment calls from topics, customers'"
                + " stages in state stores, transitions to a topic, exactly once. Nodes with the same application id"
                + " share the work.")
final class StreamCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file with lifestage.* settings, lifestage.stream.* among them (see"
                    + " docs/scale-out.md).")
    Path config;

    @Option(names = "--rules", paramLabel = "DIR", description = "The rule pack directory (lifestage.rules.dir).")
    Path rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> overrides = new HashMap<>();
        if (rules != null) {
            overrides.put(RulesSettings.DIR, rules.toString());
        }
        return StreamNode.runUntilStopped(overrides, config, spec.commandLine().getOut());
    }
}
