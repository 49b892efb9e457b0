package io.lifestage.cli;

import io.lifestage.stream.StreamNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lifestage stream}: one node of the distributed mode on Kafka Streams, see {@link StreamNode}. */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = "Runs a node of the distributed mode on Kafka Streams: Segment calls from topics, customers'"
                + " stages in state stores, transitions to a topic, exactly once. Nodes with the same application id"
                + " share the work.")
final class StreamCommand implements Callable<Integer> {

    @Mixin
    EngineOptions engineOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        return StreamNode.runUntilStopped(engineOptions.overrides(Map.of()), engineOptions.config.file,
                spec.commandLine().getOut());
    }
}
