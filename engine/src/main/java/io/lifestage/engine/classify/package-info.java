/**
 * Classification with Drools, the only package that sees Drools types: compiles the rule pack in a directory into
 * a {@link io.lifestage.engine.classify.RuleBase}, reports every problem with file and line, and classifies
 * customers through per-thread {@link io.lifestage.engine.classify.Classifier sessions}.
 */
package io.lifestage.engine.classify;
