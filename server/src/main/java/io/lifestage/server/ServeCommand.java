package io.lifestage.server;

import io.lifestage.engine.cli.CommandExtension;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lifestage serve}: the HTTP API until the process is stopped (Ctrl-C or SIGTERM let requests in progress
 * finish), or until an OutOfMemoryError in any thread stops it (exit status 70) for a supervisor to restart. Added
 * to the command line through {@link CommandExtension} when this module is on the class path.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serves the HTTP API: ingest Segment calls, read stages, history and explanations, erase"
                + " customers. Needs an API key (lifestage.server.keys) unless lifestage.server.auth=none.")
public final class ServeCommand implements Callable<Integer>, CommandExtension {

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file with lifestage.* settings (see docs/configuration.md).")
    Path config;

    @Option(names = "--port", paramLabel = "PORT", description = "The port to listen on (default 8080, or"
            + " lifestage.server.port).")
    Integer port;

    @Option(names = "--rules", paramLabel = "DIR", description = "The rule pack directory (lifestage.rules.dir).")
    Path rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> overrides = new HashMap<>();
        if (port != null) {
            overrides.put(ServerSettings.PORT, port.toString());
        }
        if (rules != null) {
            overrides.put("lifestage.rules.dir", rules.toString());
        }
        FatalErrors.stopTheProcessOnOne();
        // This command's hook below stops the server, then the engine; Weld's own hook would destroy the beans at
        // the same time, under the requests still being answered (the stage store leaves H2's hook off itself).
        System.setProperty("org.jboss.weld.se.shutdownHook", "false");
        LifestageServer server = LifestageServer.start(overrides, config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "lifestage-serve-stop"));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Lifestage serving on %s (rule base %s); Ctrl-C stops%n", server.uri(),
                server.lifestage().rules().version());
        out.flush();
        stopped.await();
        return 0;
    }
}
