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
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/** The file source honours the source contract, reading the contract's events as Segment JSON lines and
 * following the file as it grows. */
class FileSourceContractTest extends SourceContract {

    @Override
    protected ConnectorProvider provider() {
        return new FileConnectorProvider();
    }

    @Override
    protected Input prepare(Path dir, List<Fact> facts) throws IOException {
        Path file = dir.resolve("events.jsonl");
        Files.write(file, lines(facts), StandardCharsets.UTF_8);
        return Input.growing(Map.of("path", file.toString(), "batch-size", "2", "follow", "true"),
                more -> Files.write(file, lines(more), StandardCharsets.UTF_8, StandardOpenOption.APPEND));
    }

    private static List<String> lines(List<Fact> facts) {
        return facts.stream().map(fact -> SegmentJson.call((Event) fact)).toList();
    }

    @Override
    protected Map<String, String> failingSettings(Path dir) {
        return Map.of("path", dir.resolve("missing.jsonl").toString());
    }
}
