package io.lifestage.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario files read into scenarios; anything unusable is reported with its file and line. */
class ScenarioFilesTest {

    @TempDir
    Path pack;

    private ScenarioFiles read(String yaml) throws IOException {
        Files.createDirectories(pack.resolve("tests"));
        Files.writeString(pack.resolve("tests/a.test.yaml"), yaml);
        return ScenarioFiles.in(pack);
    }

    @Test
    void readsScenariosWithTheirLinesEventsAndExpectations() throws IOException {
        ScenarioFiles files = read("""
                as-of: 2026-06-01T00:00:00Z
                scenarios:
                  - name: first
                    events:
                      - { event: Order Completed, days-ago: 1.5, total: 40 }
                      - { event: Product Added, at: 2026-05-01T00:00:00Z, anonymous: true }
                      - { event: Identified, days-ago: 2, email: a@example.com }
                    expect: conversion
                    rule: conversion-first-purchase
                  - name: second
                    customer: c2
                    as-of: 2026-07-01T00:00:00Z
                    events: [ { event: Page Viewed, days-ago: 1 } ]
                    expect: awareness
                """);

        assertThat(files.problems()).isEmpty();
        assertThat(files.scenarios()).extracting(Scenario::location).containsExactly("tests/a.test.yaml:3",
                "tests/a.test.yaml:10");
        Scenario first = files.scenarios().get(0);
        assertThat(first.expectedStage()).isEqualTo("conversion");
        assertThat(first.expectedRule()).isEqualTo("conversion-first-purchase");
        Event order = first.events().get(0);
        assertThat(order.timestamp()).isEqualTo(Instant.parse("2026-05-30T12:00:00Z"));
        assertThat(order.properties()).containsEntry("total", 40);
        Event cart = first.events().get(1);
        assertThat(cart.customerId()).isEqualTo("customer-anonymous");
        Event identify = first.events().get(2);
        assertThat(identify.type()).isEqualTo(Event.Type.IDENTIFY);
        assertThat(identify.userId()).isEqualTo("customer");
        assertThat(identify.anonymousId()).isEqualTo("customer-anonymous");
        Scenario second = files.scenarios().get(1);
        assertThat(second.customerId()).isEqualTo("c2");
        assertThat(second.asOf()).isEqualTo(Instant.parse("2026-07-01T00:00:00Z"));
        assertThat(second.expectedRule()).isNull();
        assertThat(second.events().get(0).type()).isEqualTo(Event.Type.PAGE);
    }

    @Test
    void reportsBrokenYamlWithItsLine() throws IOException {
        ScenarioFiles files = read("scenarios:\n  - name: x\n    events: [ { event: A, days-ago: 1 }\n    expect: y\n");

        assertThat(files.scenarios()).isEmpty();
        assertThat(files.problems()).singleElement().asString().startsWith("tests/a.test.yaml:4: not valid YAML");
    }

    @Test
    void reportsAnIncompleteScenarioAndKeepsTheOthers() throws IOException {
        ScenarioFiles files = read("""
                scenarios:
                  - name: no expectation
                    events: [ { event: Page Viewed, days-ago: 1 } ]
                  - name: no time
                    events: [ { event: Page Viewed } ]
                    expect: awareness
                  - name: fine
                    events: [ { event: Page Viewed, days-ago: 1 } ]
                    expect: awareness
                """);

        assertThat(files.problems()).containsExactly(
                "tests/a.test.yaml:2: missing 'expect'",
                "tests/a.test.yaml:4: event 'Page Viewed' needs 'days-ago' (a number) or 'at' (an instant)");
        assertThat(files.scenarios()).extracting(Scenario::name).containsExactly("fine");
    }

    @Test
    void reportsAFileWithoutAScenarioList() throws IOException {
        assertThat(read("name: lonely\n").problems())
                .containsExactly("tests/a.test.yaml:1: expected a 'scenarios:' list (see docs/rule-authoring.md)");
    }
}
