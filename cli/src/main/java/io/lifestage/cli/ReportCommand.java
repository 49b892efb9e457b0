package io.lifestage.cli;

import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.config.MetricsSettings;
import io.lifestage.engine.config.ReportSettings;
import io.lifestage.engine.metrics.MetricsCalculator;
import io.lifestage.engine.metrics.TierPolicy;
import io.lifestage.engine.report.CalendarStep;
import io.lifestage.engine.report.ReportFormat;
import io.lifestage.engine.report.ReportStages;
import io.lifestage.engine.report.Reports;
import io.lifestage.engine.store.StageStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Period;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code lifestage report}: lifecycle KPIs of the configured stage store over a period, or with {@code --stage} the
 * customers in a stage at an instant. See docs/reports.md.
 */
@Command(name = "report",
        description = "Lifecycle KPIs of the stage store: customers per stage over time, the transition matrix,"
                + " funnel, retention and churn rates, each stage's scorecard (visits, leads, lead conversion,"
                + " purchases, renewals, NPS, CSAT, revenue, lifetime value, profit), time in stage, RFM and value"
                + " tiers, each measured action's uplift (treated vs held-out customers); or, with --stage, who is in a"
                + " stage.")
final class ReportCommand extends EngineCommand {

    @Option(names = "--from", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "Start of the period (default: the start of the recorded history, the first of the UTC"
                    + " month of the earliest transition).")
    Instant from;

    @Option(names = "--to", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "End of the period (default: the as-of of the last recorded run).")
    Instant to;

    @Option(names = "--snapshots", paramLabel = "WHEN", defaultValue = "runs",
            description = "Instants to count customers per stage at: runs (the as-of of each run in the period),"
                    + " yearly, quarterly, monthly, weekly, daily (from --from to --to), or a comma-separated list"
                    + " (default ${DEFAULT-VALUE}).")
    String snapshots;

    @Option(names = "--every", paramLabel = "PERIOD",
            description = "Add a period-over-period table: the scorecard of each calendar month, quarter or year of"
                    + " the period, every measure with its change from the period before (month, quarter, year).")
    String every;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, csv, json or html (default ${DEFAULT-VALUE}).")
    ReportFormat format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write here instead of standard output.")
    Path output;

    @Option(names = "--by", paramLabel = "ATTRIBUTE",
            description = "Break the stage counts at --to and the scorecard down by a declared attribute's value at"
                    + " --to (lifestage.metrics.attributes.*, e.g. a channel or a country): the --top values with most"
                    + " customers, the other values together, and the customers without a value.")
    String by;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "With --by: how many values are shown on their own (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--stage", paramLabel = "STAGE", description = "List the customers in this stage instead.")
    String stage;

    @Option(names = "--sort", paramLabel = "ORDER",
            description = "With --stage: the customers now in it, most valuable first, with what each is worth (days"
                    + " in stage, RFM, tier, orders, revenue, average order value, lifetime value): revenue, clv"
                    + " (lifetime value), rfm or time (longest in the stage first); pages of --limit.")
    String sort;

    @Option(names = "--page", paramLabel = "N",
            description = "With --sort: the page to show, from 1 (default 1).")
    Integer page;

    @Option(names = "--at", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "With --stage: the instant (default: --to).")
    Instant at;

    @Option(names = "--after", paramLabel = "ID", description = "With --stage: start after this customer id.")
    String after;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "With --stage: customers per page (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--customer-stage", paramLabel = "STAGE",
            description = "The first stage of a paying customer, for retention (default: conversion, if declared).")
    String customerStage;

    @Option(names = "--churn-stage", paramLabel = "STAGE",
            description = "The stage of lost customers (default: churn, if declared).")
    String churnStage;

    @Override
    public Integer call() throws IOException {
        if (stage == null && (at != null || after != null || sort != null)) {
            throw new ParameterException(spec.commandLine(), "--at, --after and --sort list customers: give --stage"
                    + " too");
        }
        if (page != null && sort == null) {
            throw new ParameterException(spec.commandLine(), "--page turns the pages of a list by value: give --sort"
                    + " too (a list by id goes on with --after)");
        }
        if (sort != null && (at != null || after != null)) {
            throw new ParameterException(spec.commandLine(), "--sort lists the customers now in the stage, page by"
                    + " page (--page): leave out --at and --after");
        }
        if (by != null && (stage != null || every != null)) {
            throw new ParameterException(spec.commandLine(), "--by breaks the report of a period down: leave out"
                    + " --stage and --every");
        }
        StageStore.Ranking ranking = ranking();
        try (LifestageContainer container = engineOptions.start();
             StageStore store = container.openStore()) {
            ReportStages declared = ReportStages.of(container.ruleBase().stageModel());
            Reports reports = new Reports(store, new ReportStages(declared.order(),
                    customerStage != null ? customerStage : declared.firstCustomerStage(),
                    churnStage != null ? churnStage : declared.churnStage()),
                    container.bean(ReportSettings.class), TierPolicy.of(container.bean(MetricsSettings.class)),
                    container.ruleBase().actions());
            List<Instant> runs = reports.runInstants();
            Instant end = to != null ? to : runs.get(runs.size() - 1);
            Instant start = from != null ? from : reports.historyStart();
            try (Writer out = open()) {
                if (ranking != null) {
                    format.write(reports.ranked(stage, ranking, end, page == null ? 1 : page, limit), out);
                } else if (by != null) {
                    format.write(reports.breakdown(by, container.bean(MetricsCalculator.class).attribute(by), start,
                            end, top), out);
                } else if (stage != null) {
                    format.write(reports.members(stage, at != null ? at : end, after, limit), out);
                } else {
                    format.write(reports.report(start, end, snapshotInstants(runs, start, end), periods()), out);
                }
            }
        }
        if (output != null) {
            err().println("Wrote " + output);
        }
        return ExitCodes.OK;
    }

    private StageStore.Ranking ranking() {
        if (sort == null) {
            return null;
        }
        return StageStore.Ranking.named(sort).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "--sort is " + String.join(", ", StageStore.Ranking.names()) + ", not '" + sort + "'"));
    }

    private Period periods() {
        if (every == null || every.isEmpty()) {
            return null;
        }
        return CalendarStep.comparedBy(every).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "--every is month, quarter or year, not '" + every + "'"));
    }

    private List<Instant> snapshotInstants(List<Instant> runs, Instant start, Instant end) {
        if (snapshots.equals("runs")) {
            return runs.stream().filter(run -> !run.isBefore(start) && !run.isAfter(end)).toList();
        }
        Optional<CalendarStep> step = CalendarStep.ofAdverb(snapshots);
        if (step.isPresent()) {
            return Reports.every(start, end, step.get().length());
        }
        InstantConverter converter = new InstantConverter();
        return Arrays.stream(snapshots.split(",")).map(String::strip).map(converter::convert).toList();
    }

    private Writer open() throws IOException {
        if (output == null) {
            return new java.io.FilterWriter(out()) {
                @Override
                public void close() {
                    flushQuietly(out);
                }
            };
        }
        return OutputFile.create(output);
    }

    private static void flushQuietly(Writer out) {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
