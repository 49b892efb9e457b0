package io.lifestage.engine.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Where the stage store is: {@code lifestage.store.*}. */
@ConfigMapping(prefix = "lifestage.store")
public interface StoreSettings {

    /** JDBC URL: an H2 file by default, {@code jdbc:postgresql://host/db} in production. */
    @WithDefault("jdbc:h2:file:./lifestage-data/store")
    String url();

    /** Database user. */
    @WithDefault("sa")
    String user();

    /** Database password; never logged. */
    Optional<String> password();
}
