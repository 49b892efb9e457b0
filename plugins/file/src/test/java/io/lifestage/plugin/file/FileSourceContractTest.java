package io.lifestage.plugin.file;

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

/** The file source honours the source contract, reading the contract's events as Segment JSON lines. */
class FileSourceContractTest extends SourceContract {

    @Override
    protected ConnectorProvider provider() {
        return new FileConnectorProvider();
    }

    @Override
    protected Input prepare(Path dir, List<Fact> facts) throws IOException {
        Path file = dir.resolve("events.jsonl");
        Files.write(file, facts.stream().map(fact -> SegmentJson.call((Event) fact)).toList(), StandardCharsets.UTF_8);
        return Input.fixed(Map.of("path", file.toString(), "batch-size", "2"));
    }

    @Override
    protected Map<String, String> failingSettings(Path dir) {
        return Map.of("path", dir.resolve("missing.jsonl").toString());
    }
}
