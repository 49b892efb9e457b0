package io.lifestage.cli;

import io.lifestage.engine.config.RulesSettings;
import io.lifestage.server.LifestageServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lifestage serve}: the HTTP API until the process is stopped (Ctrl-C or SIGTERM let requests in progress
 * finish), or until an OutOfMemoryError in any thread stops it (exit status 70) for a supervisor to restart.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serves the HTTP API: ingest Segment calls, read stages, history and explanations, erase"
                + " customers. Needs an API key (lifestage.server.keys) unless lifestage.server.auth=none.")
final class ServeCommand implements Callable<Integer> {

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
            overrides.put(LifestageServer.PORT, port.toString());
        }
        if (rules != null) {
            overrides.put(RulesSettings.DIR, rules.toString());
        }
        LifestageServer.serveUntilStopped(overrides, config, spec.commandLine().getOut());
        return 0;
    }
}
