package io.lifestage.cli;

import io.lifestage.api.Fact;
import io.lifestage.api.spi.Rejection;
import io.lifestage.api.spi.Source;
import io.lifestage.engine.connect.RejectsFile;
import io.lifestage.engine.connect.SettingsContext;
import io.lifestage.engine.connect.SourceFacts;
import io.lifestage.plugin.file.FileConnectorProvider;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** The events file of a command, the as-of instant, and where its rejected lines go. */
final class EventsInput {

    @Option(names = "--events", required = true, paramLabel = "FILE", description = "Segment-style JSON lines.")
    Path events;

    @Option(names = "--as-of", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "Classify as of this instant (ISO-8601, e.g. 2026-11-01T00:00:00Z or 2026-11-01);"
                    + " default now.")
    Instant asOf;

    @Option(names = "--rejects", paramLabel = "FILE",
            description = "Dead-letter file for rejected lines; default FILE.rejects.jsonl beside the events file.")
    Path rejects;

    Instant asOfOrNow() {
        return asOf != null ? asOf : Instant.now();
    }

    /** Opens the events file through the file connector, with a fresh rejects file. */
    Opened open() {
        return new Opened(rejects != null ? rejects : Path.of(events + ".rejects.jsonl"));
    }

    /** An open events file: its facts, and the count of lines set aside. */
    final class Opened implements AutoCloseable {

        private final RejectsFile rejected;
        private final Source source;

        private Opened(Path rejectsPath) {
            rejected = new RejectsFile(rejectsPath);
            source = new FileConnectorProvider().source().orElseThrow().newInstance();
            try {
                source.start(new SettingsContext(events.toString(), Map.of("path", events.toString()), rejected));
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        Iterator<Fact> facts() {
            return new SourceFacts(source);
        }

        /** Sets a record aside in the same dead-letter file, for connectors that reject what they are given. */
        void reject(Rejection rejection) {
            rejected.accept(rejection);
        }

        void printRejects(PrintWriter out) {
            out.printf(Locale.ROOT, "Lines rejected: %,d%s%n", rejected.count(),
                    rejected.count() == 0 ? "" : " (see " + rejected.path() + ")");
            out.flush();
        }

        @Override
        public void close() {
            try (RejectsFile closingRejects = rejected) {
                source.close();
            }
        }
    }
}
