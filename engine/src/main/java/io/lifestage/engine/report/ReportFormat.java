package io.lifestage.engine.report;

import java.io.IOException;
import java.io.Writer;

/** The forms a report is written in: aligned text tables, CSV (long form), JSON, or one self-contained HTML page. */
public enum ReportFormat {
    /** Aligned text tables, for a terminal. */
    TEXT(new TextReport()),
    /** One CSV table in long form ({@code section,from,to,stage,to_stage,measure,value}), for spreadsheets. */
    CSV(new CsvReport()),
    /** The report's records as JSON, instants in ISO-8601. */
    JSON(new JsonReport()),
    /** One HTML page with inline CSS and SVG charts (funnel, stages over time, transition heat map), no scripts
     * or fonts from elsewhere. */
    HTML(new HtmlReport());

    private final Renderer renderer;

    ReportFormat(Renderer renderer) {
        this.renderer = renderer;
    }

    /** Writes a report; does not close {@code out}. */
    public void write(LifecycleReport report, Writer out) throws IOException {
        renderer.report(report, out);
        out.flush();
    }

    /** Writes a page of the customers in a stage; does not close {@code out}. */
    public void write(MemberPage page, Writer out) throws IOException {
        renderer.members(page, out);
        out.flush();
    }

    /** Writes a report broken down by an attribute; does not close {@code out}. */
    public void write(AttributeBreakdown breakdown, Writer out) throws IOException {
        renderer.breakdown(breakdown, out);
        out.flush();
    }

    /** What each format implements. */
    interface Renderer {
        void report(LifecycleReport report, Writer out) throws IOException;

        void breakdown(AttributeBreakdown breakdown, Writer out) throws IOException;

        void members(MemberPage page, Writer out) throws IOException;
    }
}
