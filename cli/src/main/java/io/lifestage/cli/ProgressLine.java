package io.lifestage.cli;

import io.lifestage.engine.run.StageRun;
import java.io.PrintStream;
import java.time.Duration;

/**
 * A run's progress on one line of a terminal, rewritten at most a few times a second: facts read and their rate while
 * reading, facts stored, then customers evaluated, with their rate and the time left. Says nothing when the output is
 * not a terminal.
 */
final class ProgressLine implements StageRun.Progress, AutoCloseable {

    private static final long EVERY_NANOS = 250_000_000L;

    private final PrintStream out;
    private final long started = System.nanoTime();
    private long phaseStarted = started;
    private long lastShown;
    private boolean shown;
    private String phase = "";

    private ProgressLine(PrintStream out) {
        this.out = out;
    }

    /** A progress line on standard error, or one that says nothing when quiet or not on a terminal. */
    static StageRun.Progress onStandardError(boolean quiet) {
        return quiet || System.console() == null ? new StageRun.Progress() {
        } : new ProgressLine(System.err);
    }

    @Override
    public void read(String source, long facts) {
        long now = enter("read " + source, System.nanoTime());
        if (due(now)) {
            show(String.format("%s: %,d facts read (%,.0f/s)", source, facts, rate(facts, now)));
        }
    }

    @Override
    public void stored(String source, long facts, long of) {
        long now = enter("store " + source, System.nanoTime());
        if (due(now) || facts == of) {
            show(source + ": " + doneOf("stored", facts, of, "facts", now));
        }
    }

    @Override
    public void evaluated(long customers, long due) {
        long now = enter("evaluate", System.nanoTime());
        if (due(now) || customers == due) {
            show(doneOf("evaluated", customers, due, "customers", now));
        }
    }

    /** How many of how many are done, at what rate, and the time left at that rate. */
    private String doneOf(String verb, long done, long of, String things, long now) {
        double rate = rate(done, now);
        long left = rate == 0 ? 0 : (long) ((of - done) / rate);
        return String.format("%s %,d of %,d %s (%,.0f/s, %s left)", verb, done, of, things, rate,
                Duration.ofSeconds(left).toString().substring(2).toLowerCase(java.util.Locale.ROOT));
    }

    private long enter(String name, long now) {
        if (!phase.equals(name)) {
            phase = name;
            phaseStarted = now;
        }
        return now;
    }

    private boolean due(long now) {
        if (now - lastShown < EVERY_NANOS) {
            return false;
        }
        lastShown = now;
        return true;
    }

    private double rate(long count, long now) {
        double seconds = (now - phaseStarted) / 1e9;
        return seconds <= 0 ? 0 : count / seconds;
    }

    private void show(String line) {
        out.print("\r\033[2K  " + line);
        out.flush();
        shown = true;
    }

    /** Ends the line, so that what follows starts on a line of its own. */
    @Override
    public void close() {
        if (shown) {
            out.print("\r\033[2K");
            out.flush();
            shown = false;
        }
    }
}
