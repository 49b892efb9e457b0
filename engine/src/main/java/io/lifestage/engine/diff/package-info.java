/**
 * A rule pack diff ({@code lifestage diff}): classifies the same customers with the live rule pack and a candidate
 * one, and counts how many would move from each stage to each other stage, with examples.
 */
package io.lifestage.engine.diff;
