/**
 * Classification with Drools, the only package that sees Drools types: compiles the rule pack in a directory into
 * a {@link io.lifestage.engine.classify.RuleBase}, reports every problem with file and line (rules reaching outside
 * the sandbox included), runs a compiled pack on probe customers for {@code validate}, and classifies customers
 * through per-thread {@link io.lifestage.engine.classify.Classifier sessions} that stop a runaway rule.
 */
package io.lifestage.engine.classify;
