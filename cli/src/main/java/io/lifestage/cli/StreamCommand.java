package io.lifestage.cli;

import io.lifestage.stream.StreamNode;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code lifestage stream}: one node of the distributed mode on Kafka Streams, see {@link StreamNode}. */
@Command(name = "stream",
        description = "Runs a node of the distributed mode on Kafka Streams: Segment calls from topics, customers'"
                + " stages in state stores, transitions to a topic, exactly once. Nodes with the same application id"
                + " share the work.")
final class StreamCommand extends EngineCommand {

    @Override
    public Integer call() throws InterruptedException {
        return StreamNode.runUntilStopped(engineOptions.overrides(Map.of()), engineOptions.config.file,
                out());
    }
}
