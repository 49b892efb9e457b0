package io.lifestage.plugin.kafka;

import io.lifestage.api.ActionFired;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.testkit.SinkContract;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kafka sink honours the sink contract on a real broker: what it wrote is read back by a plain read_committed
 * consumer as soon as {@code flush} returns. A topic keeps every record sent, so a redelivered batch is there twice:
 * the sink is not idempotent, its consumers drop duplicates by transition and action id. Actions go to
 * {@code actions-topic}.
 */
class KafkaSinkContractTest extends SinkContract {

    @Override
    protected ConnectorProvider provider() {
        return new KafkaConnectorProvider();
    }

    @Override
    protected Map<String, String> prepare(Path dir) {
        return Map.of("bootstrap-servers", TestBroker.bootstrapServers(), "decisions-topic", TestBroker.topic(2),
                "transitions-topic", TestBroker.topic(2));
    }

    @Override
    protected Stored readBack(Path dir, Map<String, String> settings) {
        return Stored.both(ResultTopics.decisions(settings.get("decisions-topic")),
                ResultTopics.transitions(settings.get("transitions-topic")));
    }

    @Override
    protected Optional<Map<String, String>> prepareActions(Path dir) {
        Map<String, String> settings = new HashMap<>(prepare(dir));
        settings.put("actions-topic", TestBroker.topic(2));
        return Optional.of(settings);
    }

    @Override
    protected List<ActionFired> readBackActions(Path dir, Map<String, String> settings) {
        return ResultTopics.actions(settings.get("actions-topic"));
    }

    @Override
    protected boolean idempotent() {
        return false;
    }
}
