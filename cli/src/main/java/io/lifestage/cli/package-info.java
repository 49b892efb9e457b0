/**
 * The {@code lifestage} command line (picocli) over the engine, the HTTP server and the stream node: run, classify,
 * report, validate, test, diff, watch, generate, plugins, serve, stream. Its entry point is
 * {@link io.lifestage.cli.Main}.
 */
package io.lifestage.cli;
