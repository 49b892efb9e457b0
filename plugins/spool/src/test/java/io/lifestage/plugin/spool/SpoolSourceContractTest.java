package io.lifestage.plugin.spool;

import io.lifestage.api.Event;
import io.lifestage.api.Fact;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.testkit.SegmentJson;
import io.lifestage.testkit.SourceContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The spool source honours the source contract, files dropped after the end included. */
class SpoolSourceContractTest extends SourceContract {

    private int written;

    @Override
    protected ConnectorProvider provider() {
        return new SpoolConnectorProvider();
    }

    @Override
    protected Input prepare(Path dir, List<Fact> facts) throws IOException {
        Path spool = Files.createDirectory(dir.resolve("in"));
        drop(spool, facts);
        return Input.growing(Map.of("directory", spool.toString(), "batch-size", "2"), more -> drop(spool, more));
    }

    @Override
    protected Map<String, String> failingSettings(Path dir) {
        return Map.of("directory", dir.resolve("missing").toString());
    }

    /** Writes each fact to a file named by a sequence number, so that name order is arrival order. */
    private void drop(Path spool, List<Fact> facts) throws IOException {
        for (Fact fact : facts) {
            Files.writeString(spool.resolve("%06d.json".formatted(++written)), SegmentJson.call((Event) fact),
                    StandardCharsets.UTF_8);
        }
    }
}
