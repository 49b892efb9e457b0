/**
 * The engine side of the connector SPI: finds providers through {@code META-INF/services}, gives connectors their
 * settings and reject channel, and writes rejected records to a dead-letter file.
 */
package io.lifestage.engine.connect;
