/**
 * The connector SPI: how plugins feed {@link io.lifestage.api.Fact facts} in and take
 * {@link io.lifestage.api.Decision decisions} and {@link io.lifestage.api.Transition transitions} out.
 *
 * <p>A plugin jar lists its {@link io.lifestage.api.spi.ConnectorProvider} in
 * {@code META-INF/services/io.lifestage.api.spi.ConnectorProvider} and is put on the class path or in the plugins
 * directory (each jar there gets its own class loader). Configuration enables connectors by name:
 * <pre>
 * lifestage.sources=crm,web
 * lifestage.source.crm.type=jdbc
 * lifestage.source.crm.url=jdbc:postgresql://db/crm
 * lifestage.sinks=warehouse
 * lifestage.sink.warehouse.type=jdbc
 * </pre>
 * Before anything starts, the engine checks every configured connector's settings against the
 * {@link io.lifestage.api.spi.ConfigKey keys} its provider declares and stops with one message listing every
 * problem. Then each {@link io.lifestage.api.spi.Source} and {@link io.lifestage.api.spi.Sink} goes through
 * {@code start(context)}, any number of {@code poll()} or {@code write…} calls, and {@code close()}; one thread drives
 * one instance. Sources report positions, which the engine commits with the facts read up to them; sinks acknowledge
 * by returning from {@code flush()}, and the engine records results only after every sink acknowledged. Both give
 * at-least-once delivery across crashes.
 */
package io.lifestage.api.spi;
