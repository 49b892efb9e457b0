package io.lifestage.plugin.spool;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Sink;
import io.lifestage.segment.RecordJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes each transition as one JSON file named after its id (URL-encoded) plus {@code .json}, as {@link RecordJson}
 * writes it for every other sink. A file is written under a temporary name, forced to disk and renamed, so a reader
 * never sees half a file. A redelivered transition replaces its own file: the sink is idempotent. Decisions are
 * ignored.
 */
final class SpoolSink implements Sink {

    private static final JsonFactory JSON = new JsonFactory();

    private final List<Transition> pending = new ArrayList<>();
    private ConnectorContext context;
    private Path directory;

    @Override
    public void start(ConnectorContext context) {
        this.context = context;
        this.directory = context.pathSetting(SpoolConnectorProvider.SINK_DIRECTORY);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw failure("cannot create " + directory, e);
        }
    }

    @Override
    public void writeTransitions(List<Transition> transitions) {
        requireStarted("writeTransitions");
        pending.addAll(transitions);
    }

    @Override
    public void flush() {
        requireStarted("flush");
        for (Transition transition : pending) {
            write(transition);
        }
        pending.clear();
    }

    @Override
    public void close() {
        pending.clear();
    }

    private void write(Transition transition) {
        String name = URLEncoder.encode(transition.id(), StandardCharsets.UTF_8) + ".json";
        Path temporary = directory.resolve("." + name + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                try (JsonGenerator json = JSON.createGenerator(out)) {
                    json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                    RecordJson.write(json, transition);
                }
                channel.force(true);
            }
            Files.move(temporary, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw failure("cannot write transition " + transition.id() + " to " + directory.resolve(name), e);
        }
    }

    private void requireStarted(String call) {
        if (context == null) {
            throw new IllegalStateException("spool sink: " + call + "() before start(); the engine calls start first");
        }
    }

    private ConnectorException failure(String what, IOException e) {
        return ConnectorException.fatal(what + ": " + e.getMessage(), e);
    }
}
