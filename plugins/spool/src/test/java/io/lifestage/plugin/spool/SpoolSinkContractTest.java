package io.lifestage.plugin.spool;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.testkit.SinkContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The spool sink honours the sink contract; a transition's file is named after its id, so it is idempotent. It
 * delivers no actions, so {@code prepareActions()} is left empty and the contract reports its action checks as
 * skipped.
 */
class SpoolSinkContractTest extends SinkContract {

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    protected ConnectorProvider provider() {
        return new SpoolConnectorProvider();
    }

    @Override
    protected Map<String, String> prepare(Path dir) {
        return Map.of("directory", dir.resolve("out").toString());
    }

    @Override
    protected Stored readBack(Path dir, Map<String, String> settings) throws IOException {
        List<Transition> transitions = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(settings.get("directory")))) {
            for (Path file : files.filter(file -> file.toString().endsWith(".json")).toList()) {
                transitions.add(transitionOf(fields(file)));
            }
        }
        return Stored.transitions(transitions);
    }

    @Override
    protected boolean idempotent() {
        return true;
    }

    /** A transition's file as the map of its fields {@link #transitionOf} reads: text, null, or a list of text. */
    private static Map<String, Object> fields(Path file) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        try (JsonParser json = JSON.createParser(file.toFile())) {
            json.nextToken();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                if (json.nextToken() == JsonToken.START_ARRAY) {
                    List<String> values = new ArrayList<>();
                    while (json.nextToken() == JsonToken.VALUE_STRING) {
                        values.add(json.getText());
                    }
                    fields.put(name, values);
                } else {
                    fields.put(name, json.currentToken() == JsonToken.VALUE_NULL ? null : json.getText());
                }
            }
        }
        return fields;
    }
}
