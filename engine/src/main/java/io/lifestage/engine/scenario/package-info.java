/**
 * Scenario tests for rule packs: YAML files beside the rules ({@code *.test.yaml}) that say "given these events, as
 * of this instant, expect this stage (and this rule)", run by {@code lifestage test} and by the Maven build.
 */
package io.lifestage.engine.scenario;
