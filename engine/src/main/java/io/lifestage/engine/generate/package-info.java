/** Synthetic Segment-style event data for demos, tests and benchmarks ({@code lifestage generate}). */
package io.lifestage.engine.generate;
