/**
 * The stage store: accepted facts, current stages, transitions, source positions and runs, in H2 or PostgreSQL.
 * See {@link io.lifestage.engine.store.StageStore}.
 */
package io.lifestage.engine.store;
