package io.lifestage.engine.host;

import io.lifestage.api.ClassificationSummary;
import io.lifestage.api.Decision;
import io.lifestage.api.Explanation;
import io.lifestage.api.Fact;
import io.lifestage.api.LifecycleEngine;
import io.lifestage.api.Lifestage;
import io.lifestage.api.StageModel;
import io.lifestage.api.bootstrap.LifestageProvider;
import io.lifestage.engine.LifestageContainer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** What {@link Lifestage#builder()} finds: starts a container, with the host service or the engine alone. */
public final class EmbeddedLifestageProvider implements LifestageProvider {

    @Override
    public Lifestage start(Map<String, String> settings, Path configFile) {
        LifestageContainer container = LifestageContainer.start(settings, configFile, HostProducer.class);
        try {
            HostedLifestage lifestage = (HostedLifestage) container.bean(Lifestage.class);
            lifestage.closeWith(container);
            return lifestage;
        } catch (RuntimeException e) {
            container.close();
            throw e;
        }
    }

    @Override
    public Lifestage.StandaloneEngine startEngine(Map<String, String> settings, Path configFile) {
        return new ContainedEngine(LifestageContainer.start(settings, configFile));
    }

    /** The container's engine, closing the container when closed. */
    private record ContainedEngine(LifestageContainer container) implements Lifestage.StandaloneEngine {

        private LifecycleEngine engine() {
            return container.engine();
        }

        @Override
        public StageModel stageModel() {
            return engine().stageModel();
        }

        @Override
        public String ruleBaseVersion() {
            return engine().ruleBaseVersion();
        }

        @Override
        public List<Decision> classify(Collection<? extends Fact> facts, Instant asOf) {
            return engine().classify(facts, asOf);
        }

        @Override
        public ClassificationSummary classify(Iterator<? extends Fact> facts, Instant asOf,
                                              Consumer<? super Decision> decisions) {
            return engine().classify(facts, asOf, decisions);
        }

        @Override
        public Optional<Explanation> explain(String customerId, Collection<? extends Fact> facts, Instant asOf) {
            return engine().explain(customerId, facts, asOf);
        }

        @Override
        public void close() {
            container.close();
        }
    }
}
