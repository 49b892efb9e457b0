package io.lifestage.testkit;

import io.lifestage.api.ActionFired;
import io.lifestage.api.spi.ConnectorProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The memory connector's sink honours the sink contract, actions included; it keeps every delivery, so it is not
 * idempotent.
 */
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
    protected Optional<Map<String, String>> prepareActions(Path dir) {
        return Optional.of(Map.of("stream", "actions"));
    }

    @Override
    protected List<ActionFired> readBackActions(Path dir, Map<String, String> settings) {
        return memory.actions(settings.get("stream"));
    }

    @Override
    protected boolean idempotent() {
        return false;
    }
}
