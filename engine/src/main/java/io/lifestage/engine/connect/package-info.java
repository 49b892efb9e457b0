/**
 * The engine side of the connector SPI: finds connector types on the class path and in the plugins directory (each
 * plugin in its own class loader, see {@link io.lifestage.engine.connect.Connectors}), checks the configured
 * sources and sinks against the keys their types declare before anything starts
 * ({@link io.lifestage.engine.connect.ConnectorPlan}), opens them with their settings, resume position and reject
 * channel, and writes rejected records to a dead-letter file.
 */
package io.lifestage.engine.connect;
