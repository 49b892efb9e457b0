/**
 * The types rule files see: the {@link io.lifestage.api.rules.CustomerMetrics} fact of each customer, the
 * configured {@link io.lifestage.api.rules.Thresholds} and the {@link io.lifestage.api.rules.Verdict} a rule's
 * consequence writes the stage to. A rule pack imports these and nothing of the engine.
 */
package io.lifestage.api.rules;
