package io.lifestage.cli;

import io.lifestage.server.LifestageServer;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lifestage serve}: the HTTP API until the process is stopped (Ctrl-C or SIGTERM let requests in progress
 * finish), or until an OutOfMemoryError in any thread stops it (exit status 70) for a supervisor to restart.
 */
@Command(name = "serve",
        description = "Serves the HTTP API: ingest Segment calls, read stages, history and explanations, erase"
                + " customers. Needs an API key (lifestage.server.keys) unless lifestage.server.auth=none.")
final class ServeCommand extends EngineCommand {

    @Option(names = "--port", paramLabel = "PORT", description = "The port to listen on (default 8080, or"
            + " lifestage.server.port).")
    Integer port;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> settings = port == null ? Map.of() : Map.of(LifestageServer.PORT, port.toString());
        LifestageServer.serveUntilStopped(engineOptions.overrides(settings), engineOptions.config.file,
                out());
        return ExitCodes.OK;
    }
}
