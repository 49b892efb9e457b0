package io.lifestage.plugin.kafka;

import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.testkit.SinkContract;
import java.nio.file.Path;
import java.util.Map;

/**
 * The kafka sink honours the sink contract on a real broker: what it wrote is read back by a plain read_committed
 * consumer as soon as {@code flush} returns. A topic keeps every record sent, so a redelivered batch is there twice:
 * the sink is not idempotent, its consumers drop duplicates by transition id.
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
    protected boolean idempotent() {
        return false;
    }
}
