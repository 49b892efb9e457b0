/**
 * {@code lifestage serve}: the HTTP API over {@link io.lifestage.api.Lifestage}. Jakarta REST resources (Jersey on
 * the JDK HTTP server) are beans of the engine's Weld container, registered with Jersey as instances; JSON is read
 * and written with Jackson. {@link io.lifestage.server.LifestageServer} starts it, {@code docs/http-api.md} and
 * {@code openapi.yaml} describe it.
 */
package io.lifestage.server;
