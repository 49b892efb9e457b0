package io.lifestage.testkit;

import io.lifestage.api.spi.ConnectorProvider;
import java.nio.file.Path;
import java.util.Map;

/** The memory connector's sink honours the sink contract; it keeps every delivery, so it is not idempotent. */
class InMemorySinkContractTest extends SinkContract {

    final InMemoryConnector memory = new InMemoryConnector();

    @Override
    protected ConnectorProvider provider() {
        return memory;
    }

    @Override
    protected Map<String, String> prepare(Path dir) {
        return Map.of("stream", "results");
    }

    @Override
    protected Stored readBack(Path dir, Map<String, String> settings) {
        return Stored.both(memory.decisions(settings.get("stream")), memory.transitions(settings.get("stream")));
    }

    @Override
    protected boolean idempotent() {
        return false;
    }
}
