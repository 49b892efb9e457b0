package io.lifestage.engine.host;

import io.lifestage.api.Lifestage;
import io.lifestage.api.spi.LifestageProvider;
import io.lifestage.engine.LifestageContainer;
import java.nio.file.Path;
import java.util.Map;

/** What {@link Lifestage#builder()} finds: starts a container with the host service and hands that out. */
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
}
