package io.lifestage.plugin.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifestage.api.ActionFired;
import io.lifestage.api.Decision;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.testkit.SinkContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The file sink honours the sink contract. It writes one kind of record to a file: decisions for most checks, actions
 * ({@code content=actions}) for the checks of actions. It keeps every write of an open file, so a batch written twice
 * appears twice: it is not idempotent.
 */
class FileSinkContractTest extends SinkContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected ConnectorProvider provider() {
        return new FileConnectorProvider();
    }

    @Override
    protected Map<String, String> prepare(Path dir) {
        return Map.of("path", dir.resolve("decisions.jsonl").toString(), "format", "jsonl");
    }

    @Override
    protected Stored readBack(Path dir, Map<String, String> settings) throws IOException {
        List<Decision> decisions = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(settings.get("path")), StandardCharsets.UTF_8)) {
            decisions.add(decisionOf(JSON.readValue(line, Map.class)));
        }
        return Stored.decisions(decisions);
    }

    @Override
    protected Optional<Map<String, String>> prepareActions(Path dir) {
        return Optional.of(Map.of("path", dir.resolve("actions.jsonl").toString(), "format", "jsonl",
                "content", "actions"));
    }

    @Override
    protected List<ActionFired> readBackActions(Path dir, Map<String, String> settings) throws IOException {
        List<ActionFired> actions = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(settings.get("path")), StandardCharsets.UTF_8)) {
            actions.add(actionOf(JSON.readValue(line, Map.class)));
        }
        return actions;
    }

    @Override
    protected boolean idempotent() {
        return false;
    }
}
