package io.lifestage.engine.connect;

import io.lifestage.api.spi.Rejection;
import io.lifestage.engine.internal.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The dead-letter file: one JSON object per rejected record ({@code source}, {@code position}, {@code reason},
 * {@code record}). The file is created on the first reject, so a clean run leaves none behind; a stale file from an
 * earlier run is removed when the run starts.
 */
public final class RejectsFile implements Consumer<Rejection>, AutoCloseable {

    private final Path path;
    private BufferedWriter out;
    private long count;
    private final Map<String, Long> byConnector = new HashMap<>();

    /** A dead-letter file at this path; removes a previous one. */
    public RejectsFile(Path path) {
        this.path = path;
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace rejects file " + path, e);
        }
    }

    @Override
    public void accept(Rejection rejection) {
        try {
            if (out == null) {
                Path parent = path.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            }
            out.write("{\"source\":" + Json.quote(rejection.source())
                    + ",\"position\":" + Json.quote(rejection.position())
                    + ",\"reason\":" + Json.quote(rejection.reason())
                    + ",\"record\":" + Json.quote(rejection.record()) + "}\n");
            count++;
            byConnector.merge(rejection.source(), 1L, Long::sum);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write rejects file " + path, e);
        }
    }

    /** Records rejected so far. */
    public long count() {
        return count;
    }

    /**
     * Records rejected so far by one connector: those whose {@link Rejection#source()} is its configured name, as
     * the engine's connector context names every reject.
     */
    public long count(String connector) {
        return byConnector.getOrDefault(connector, 0L);
    }

    /** Where rejects go. */
    public Path path() {
        return path;
    }

    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close rejects file " + path, e);
            }
        }
    }
}
