package io.lifestage.stream;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** The main class of a node's JVM in tests: {@link StreamNode} with the configuration file given as argument. */
final class NodeProcess {

    private NodeProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(StreamNode.runUntilStopped(Map.of(), Path.of(args[0]), new PrintWriter(System.out, true)));
    }
}
