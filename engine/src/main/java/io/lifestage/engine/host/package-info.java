/**
 * The stateful service behind the Java API ({@link io.lifestage.api.Lifestage}) and the HTTP API: facts go to the
 * stage store, one background evaluator runs {@link io.lifestage.engine.run.StageRun} over the customers who are due
 * and tells subscribers of their transitions, and reads come from a connection of their own.
 */
package io.lifestage.engine.host;
