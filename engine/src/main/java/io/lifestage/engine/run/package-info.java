/**
 * The pipeline behind {@code lifestage run}: sources into the stage store, due customers through the rules, what
 * changed out to the sinks. See {@link io.lifestage.engine.run.StageRun}.
 */
package io.lifestage.engine.run;
