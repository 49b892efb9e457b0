/**
 * Lifestage's public contract, needing nothing but the JDK: the facts a host or a connector hands in, the decisions
 * and transitions that come out, the stage model, {@link io.lifestage.api.Lifestage} for hosts, the types rules read
 * ({@code rules}) and the connector SPI ({@code spi}).
 */
module io.lifestage.api {
    exports io.lifestage.api;
    exports io.lifestage.api.bootstrap;
    exports io.lifestage.api.rules;
    exports io.lifestage.api.spi;

    uses io.lifestage.api.bootstrap.LifestageProvider;
}
