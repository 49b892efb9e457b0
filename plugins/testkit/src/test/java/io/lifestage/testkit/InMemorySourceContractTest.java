package io.lifestage.testkit;

import io.lifestage.api.Fact;
import io.lifestage.api.spi.ConnectorProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The memory connector's source honours the source contract, appended facts included. */
class InMemorySourceContractTest extends SourceContract {

    final InMemoryConnector memory = new InMemoryConnector();

    @Override
    protected ConnectorProvider provider() {
        return memory;
    }

    @Override
    protected Input prepare(Path dir, List<Fact> facts) {
        memory.append("events", facts);
        return Input.growing(Map.of("stream", "events", "batch-size", "2"), more -> memory.append("events", more));
    }

    @Override
    protected Map<String, String> failingSettings(Path dir) {
        return Map.of("stream", "never-appended");
    }
}
