package io.lifestage.engine.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;

/** The report's records as indented JSON; instants as ISO-8601 strings. */
final class JsonReport implements ReportFormat.Renderer {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    @Override
    public void report(LifecycleReport report, Writer out) throws IOException {
        write(report, out);
    }

    @Override
    public void breakdown(AttributeBreakdown breakdown, Writer out) throws IOException {
        write(breakdown, out);
    }

    @Override
    public void members(MemberPage page, Writer out) throws IOException {
        write(page, out);
    }

    private static void write(Object value, Writer out) throws IOException {
        JSON.writeValue(out, value);
        out.write("\n");
    }
}
