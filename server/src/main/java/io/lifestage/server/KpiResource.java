package io.lifestage.server;

import io.lifestage.engine.classify.LiveRuleBase;
import io.lifestage.engine.classify.RuleBase;
import io.lifestage.engine.config.InvalidConfigurationException;
import io.lifestage.engine.config.MetricsSettings;
import io.lifestage.engine.config.ReportSettings;
import io.lifestage.engine.host.StoreReader;
import io.lifestage.engine.metrics.MetricsCalculator;
import io.lifestage.engine.metrics.TierPolicy;
import io.lifestage.engine.report.AttributeBreakdown;
import io.lifestage.engine.report.CalendarStep;
import io.lifestage.engine.report.LifecycleReport;
import io.lifestage.engine.report.ReportFormat;
import io.lifestage.engine.report.ReportStages;
import io.lifestage.engine.report.Reports;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /v1/kpis}: the lifecycle KPIs of the stage store over a period, the data of {@code lifestage report} —
 * customers per stage at each snapshot, the transition matrix with regressions and churn, funnel conversion,
 * retention and churn rates, each stage's scorecard, time spent in each stage, RFM and value tiers per stage, each
 * measured action's uplift (treated against held-out customers, the pack's {@code actions.csv}) — as
 * JSON (the default), CSV, text or the self-contained HTML page; with {@code by}, the stage counts and scorecard
 * broken down by a declared attribute instead. Read scope.
 */
@Singleton
@Path("/v1/kpis")
public class KpiResource {

    /** Most snapshots one request may ask for: each is a query over the history. */
    static final int MAX_SNAPSHOTS = 400;
    /** Most periods one request may compare: each reads the whole history once. */
    static final int MAX_PERIODS = 40;
    /** Most values a breakdown shows on their own, and how many unless asked. */
    static final int MAX_TOP = 100;
    private static final int DEFAULT_TOP = 10;

    private final LiveRuleBase rules;
    private final StoreReader store;
    private final ReportSettings events;
    private final TierPolicy tiers;
    private final MetricsCalculator attributes;

    @Inject
    KpiResource(LiveRuleBase rules, StoreReader store, ReportSettings events, MetricsSettings metrics,
                MetricsCalculator attributes) {
        this.rules = rules;
        this.store = store;
        this.events = events;
        this.tiers = TierPolicy.of(metrics);
        this.attributes = attributes;
    }

    /**
     * The KPIs from {@code from} (default: a year before {@code to}) to {@code to} (default: now), with customers
     * per stage every {@code every} ({@code year}, {@code quarter}, {@code month}, {@code week} or {@code day};
     * default month) and at {@code to}, and with {@code periods} ({@code month}, {@code quarter} or {@code year})
     * the scorecard of each such calendar period with every measure's change; with {@code by}, the customers per
     * stage at {@code to} and the scorecard broken down by that declared attribute's value at {@code to} (the
     * {@code top} values, default 10, then the other values, then no value) instead.
     */
    @GET
    public Response kpis(@QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("every") String every, @QueryParam("periods") String periods,
                         @QueryParam("format") String format, @QueryParam("by") String by,
                         @QueryParam("top") String top) {
        Instant end = Instants.parse(to, "to", Instant.now());
        Instant start = Instants.parse(from, "from", end.atZone(ZoneOffset.UTC).minusYears(1).toInstant());
        if (start.isAfter(end)) {
            throw ApiError.badRequest("invalid_period", "the period starts at " + start + ", after its end " + end)
                    .field("from");
        }
        Period step = CalendarStep.named(every == null ? "month" : every).map(CalendarStep::length)
                .orElseThrow(() -> ApiError.badRequest("invalid_parameter", "'every' is year, quarter, month, week or"
                        + " day, not '" + every + "'").field("every"));
        Period compared = periods == null || periods.isEmpty() ? null : CalendarStep.comparedBy(periods)
                .orElseThrow(() -> ApiError.badRequest("invalid_parameter", "'periods' is month, quarter or year, not '"
                        + periods + "'").field("periods"));
        if (compared != null && steps(start, end, compared) >= MAX_PERIODS) {
            throw ApiError.badRequest("too_many_periods", "the period from " + start + " to " + end + " holds more"
                    + " than " + MAX_PERIODS + " periods of one " + periods + "; each reads the history once: shorten"
                    + " it or take a longer one").field("periods");
        }
        ReportFormat rendering = rendering(format);
        if (by != null) {
            int values = WholeNumbers.parse(top, "top", DEFAULT_TOP, MAX_TOP);
            return rendered(rendering, out -> rendering.write(breakdown(by, start, end, values), out));
        }
        if (steps(start, end, step) >= MAX_SNAPSHOTS) {
            throw ApiError.badRequest("too_many_snapshots", "the period from " + start + " to " + end + " holds more"
                    + " than " + MAX_SNAPSHOTS + " snapshots of one " + (every == null ? "month" : every) + "; at most "
                    + MAX_SNAPSHOTS + " are served: shorten it or take a longer step").field("every");
        }
        List<Instant> snapshots = new ArrayList<>(Reports.every(start, end, step));
        if (!snapshots.get(snapshots.size() - 1).equals(end)) {
            snapshots.add(end);
        }
        return rendered(rendering, out -> rendering.write(report(start, end, snapshots, compared), out));
    }

    /** What a rendering writes. */
    private interface Rendering {
        void writeTo(StringWriter out) throws IOException;
    }

    private static Response rendered(ReportFormat rendering, Rendering content) {
        StringWriter out = new StringWriter();
        try {
            content.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Response.ok(out.toString(), switch (rendering) {
            case JSON -> "application/json";
            case CSV -> "text/csv; charset=utf-8";
            case TEXT -> "text/plain; charset=utf-8";
            case HTML -> "text/html; charset=utf-8";
        }).build();
    }

    /** Whole steps from start to end, counted without listing them: a billion years of months fit in no memory. */
    private static long steps(Instant start, Instant end, Period step) {
        ZonedDateTime from = start.atZone(ZoneOffset.UTC);
        ZonedDateTime to = end.atZone(ZoneOffset.UTC);
        return step.toTotalMonths() > 0 ? ChronoUnit.MONTHS.between(from, to) / step.toTotalMonths()
                : ChronoUnit.DAYS.between(from, to) / step.getDays();
    }

    private static ReportFormat rendering(String format) {
        try {
            return ReportFormat.valueOf((format == null ? "json" : format).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("invalid_parameter", "'format' is json, csv, text or html, not '" + format
                    + "'").field("format");
        }
    }

    /** The breakdown by a declared attribute; one report at a time, as {@link #report}. */
    private synchronized AttributeBreakdown breakdown(String attribute, Instant start, Instant end, int top) {
        MetricsCalculator.AttributeRead read;
        try {
            read = attributes.attribute(attribute);
        } catch (InvalidConfigurationException e) {
            throw ApiError.badRequest("unknown_attribute", e.getMessage()).field("by");
        }
        ReportStages stages = ReportStages.of(rules.current().stageModel());
        return store.read(connection -> new Reports(connection, stages, events, tiers)
                .breakdown(attribute, read, start, end, top));
    }

    /**
     * One report at a time, so that reports take at most one of the host's read connections; its stages and actions
     * from the same rule base, even when the pack is reloaded meanwhile.
     */
    private synchronized LifecycleReport report(Instant start, Instant end, List<Instant> snapshots,
                                                Period periods) {
        RuleBase current = rules.current();
        ReportStages stages = ReportStages.of(current.stageModel());
        return store.read(connection -> new Reports(connection, stages, events, tiers, current.actions())
                .report(start, end, snapshots, periods));
    }
}
