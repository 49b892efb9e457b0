/**
 * {@code lifestage serve}: the HTTP API over {@link io.lifestage.api.Lifestage}. Jakarta REST resources (Jersey on
 * Jetty, through the JDK's {@code com.sun.net.httpserver} API) are beans of the engine's Weld container, registered
 * with Jersey as instances; JSON is read and written with Jackson. {@link io.lifestage.server.LifestageServer} starts
 * it, {@code docs/http-api.md} and {@code openapi.yaml} describe it.
 */
package io.lifestage.server;
