package io.lifestage.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code lifestage} command line in this JVM and keeps what it printed and the exit code. */
final class Lifestage {

    private Lifestage() {
    }

    /** What a run printed on standard output and standard error, and its exit code. */
    record Result(int exitCode, String out, String err) {

        /** Standard output, then standard error. */
        String printed() {
            return out + err;
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
