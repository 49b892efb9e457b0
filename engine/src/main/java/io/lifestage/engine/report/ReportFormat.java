package io.lifestage.engine.report;

import java.io.IOException;
import java.io.Writer;
import java.util.function.Supplier;

/**
 * The forms a report is written in: aligned text tables, CSV (long form), JSON, or one self-contained HTML page. A
 * format's renderer is made when it writes, so a command that only names the formats (the command line lists them
 * for every command) loads none of them: JSON's alone takes a fifth of a second to load.
 */
public enum ReportFormat {
    /** Aligned text tables, for a terminal. */
    TEXT(TextReport::new),
    /** One CSV table in long form ({@code section,from,to,stage,to_stage,measure,value}), for spreadsheets. */
    CSV(CsvReport::new),
    /** The report's records as JSON, instants in ISO-8601. */
    JSON(JsonReport::new),
    /** One HTML page with inline CSS and SVG charts (funnel, stages over time, transition heat map), no scripts
     * or fonts from elsewhere. */
    HTML(HtmlReport::new);

    private final Supplier<Renderer> renderer;

    ReportFormat(Supplier<Renderer> renderer) {
        this.renderer = renderer;
    }

    /** Writes a report; does not close {@code out}. */
    public void write(LifecycleReport report, Writer out) throws IOException {
        renderer.get().report(report, out);
        out.flush();
    }

    /** Writes a page of the customers in a stage; does not close {@code out}. */
    public void write(MemberPage page, Writer out) throws IOException {
        renderer.get().members(page, out);
        out.flush();
    }

    /** Writes a report broken down by an attribute; does not close {@code out}. */
    public void write(AttributeBreakdown breakdown, Writer out) throws IOException {
        renderer.get().breakdown(breakdown, out);
        out.flush();
    }

    /** What each format implements. */
    interface Renderer {
        void report(LifecycleReport report, Writer out) throws IOException;

        void breakdown(AttributeBreakdown breakdown, Writer out) throws IOException;

        void members(MemberPage page, Writer out) throws IOException;
    }
}
