/**
 * The connector SPI: how plugins feed {@link io.lifestage.api.Fact facts} in and take
 * {@link io.lifestage.api.Decision decisions} out.
 *
 * <p>A plugin jar lists its {@link io.lifestage.api.spi.ConnectorProvider} in
 * {@code META-INF/services/io.lifestage.api.spi.ConnectorProvider}. The engine finds it there, and opens a
 * {@link io.lifestage.api.spi.Source} or {@link io.lifestage.api.spi.Sink} of its type only when configuration
 * names that type. The lifecycle of both is {@code start(context)}, then {@code poll()} or {@code write(batch)}
 * any number of times, then {@code close()}; one thread drives one instance, so implementations need no locking.
 */
package io.lifestage.api.spi;
