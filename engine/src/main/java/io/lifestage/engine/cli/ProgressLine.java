package io.lifestage.engine.cli;

import io.lifestage.engine.run.StageRun;
import java.io.PrintStream;
import java.time.Duration;

/**
 * A run's progress on one line of a terminal, rewritten at most a few times a second: facts read and their rate while
 * ingesting, then customers evaluated, their rate and the time left. Says nothing when the output is not a terminal.
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
    public void evaluated(long customers, long due) {
        long now = enter("evaluate", System.nanoTime());
        if (due(now) || customers == due) {
            double rate = rate(customers, now);
            long left = rate == 0 ? 0 : (long) ((due - customers) / rate);
            show(String.format("evaluated %,d of %,d customers (%,.0f/s, %s left)", customers, due, rate,
                    Duration.ofSeconds(left).toString().substring(2).toLowerCase(java.util.Locale.ROOT)));
        }
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
