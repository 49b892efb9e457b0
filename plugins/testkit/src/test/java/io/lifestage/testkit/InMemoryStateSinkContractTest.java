package io.lifestage.testkit;

import io.lifestage.api.Transition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The sink contract's state mode, on the memory sink read back as a CRM field would be: each customer's stage is
 * where the last of its transitions left it. Like a CRM sink, it delivers no actions.
 */
class InMemoryStateSinkContractTest extends InMemorySinkContractTest {

    @Override
    protected Map<String, String> prepare(Path dir) {
        return Map.of("stream", "crm");
    }

    @Override
    protected Stored readBack(Path dir, Map<String, String> settings) {
        Map<String, String> stages = new TreeMap<>();
        for (Transition transition : memory.transitions(settings.get("stream"))) {
            stages.put(transition.customerId(), kept(stages.get(transition.customerId()), transition));
        }
        return Stored.stages(stages);
    }

    @Override
    protected Optional<Map<String, String>> prepareActions(Path dir) {
        return Optional.empty();
    }

    @Override
    protected boolean idempotent() {
        return true;
    }

    /** The stage a field holds after the transition is written over {@code current}. */
    protected String kept(String current, Transition transition) {
        return transition.applied() ? transition.to() : transition.from();
    }

    /** The default stage order, for subclasses that model a field which only moves forward. */
    static final List<String> ORDER = List.of("awareness", "consideration", "conversion", "retention", "loyalty",
            "churn");
}
