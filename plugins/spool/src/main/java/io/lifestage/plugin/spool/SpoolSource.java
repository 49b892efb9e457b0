package io.lifestage.plugin.spool;

import io.lifestage.api.Fact;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Rejection;
import io.lifestage.api.spi.Source;
import io.lifestage.segment.SegmentCall;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the {@code .json} files of a directory in name order, one Segment call each. The position is the name of
 * the last file read, so files must be named in the order they arrive (a sequence number or a timestamp first) and
 * written under another name, then renamed: a file not ending in {@code .json} is not read. Files added later are
 * read by a later poll.
 */
final class SpoolSource implements Source {

    private static final String SUFFIX = ".json";
    private static final int MAX_RECORD_CHARS = 1_000;

    private ConnectorContext context;
    private Path directory;
    private int batchSize;
    private String lastRead = "";

    @Override
    public void start(ConnectorContext context) {
        this.context = context;
        this.directory = context.pathSetting(SpoolConnectorProvider.SOURCE_DIRECTORY);
        this.batchSize = context.integerSetting(SpoolConnectorProvider.BATCH_SIZE);
        if (!Files.isDirectory(directory)) {
            throw failure("cannot read " + directory + ": no such directory; setting '"
                    + SpoolConnectorProvider.SOURCE_DIRECTORY.name() + "' must name one", null);
        }
        this.lastRead = context.resumePosition().orElse("");
    }

    @Override
    public List<Fact> poll() {
        List<Fact> batch = new ArrayList<>();
        for (Path file : filesAfter(lastRead)) {
            String json = read(file);
            SegmentCall.Parsed parsed = SegmentCall.parse(json);
            if (parsed.event() != null) {
                batch.add(parsed.event());
            } else {
                context.reject(new Rejection(directory.toString(), file.getFileName().toString(), parsed.rejection(),
                        json.substring(0, Math.min(json.length(), MAX_RECORD_CHARS))));
            }
            lastRead = file.getFileName().toString();
        }
        return batch;
    }

    /** The name of the last file read, or empty before the first. */
    @Override
    public String position() {
        return lastRead;
    }

    @Override
    public void close() {
        // nothing is held open between polls
    }

    /** Up to a batch of {@code .json} files whose names sort after {@code name}, in name order. */
    private List<Path> filesAfter(String name) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> {
                String fileName = file.getFileName().toString();
                return fileName.endsWith(SUFFIX) && fileName.compareTo(name) > 0;
            }).sorted().limit(batchSize).toList();
        } catch (IOException e) {
            throw failure("cannot list " + directory + ": " + e.getMessage(), e);
        }
    }

    private String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw failure("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private ConnectorException failure(String what, IOException cause) {
        return ConnectorException.fatal(what, cause);
    }
}
