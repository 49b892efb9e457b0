package io.lifestage.engine.run;

import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.config.RulesSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Containers as the run tests start them: a rule pack and a store's settings. */
final class Engines {

    private Engines() {
    }

    /** A container on the pack in {@code pack} and the store {@code store} (its {@code lifestage.store.*}) names. */
    static LifestageContainer start(Map<String, String> store, Path pack) {
        Map<String, String> settings = new HashMap<>(store);
        settings.put(RulesSettings.DIR, pack.toString());
        return LifestageContainer.start(settings, null);
    }
}
