package io.lifestage.engine.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule base in service, replaced without a restart when the rule files change. A change is compiled in the
 * background and tried on {@link SampleCustomers}; a valid pack is swapped in atomically, a broken one (or one whose
 * rules fail for the samples) is refused with its problems logged while the last good rule base keeps serving.
 * Callers take {@link #current()} once per request, so no request mixes versions.
 */
public final class LiveRuleBase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveRuleBase.class);
    /** Editors write a file in several steps; wait for this much quiet before compiling. */
    private static final long QUIET_MILLIS = 300;

    private final Path directory;
    private final RuleBaseCompiler compiler;
    private final AtomicReference<RuleBase> current;
    private final AtomicReference<Failure> lastFailure = new AtomicReference<>();
    private final Object changes = new Object();
    private long reloads;
    private WatchService watcher;
    private Thread watching;

    /** A reload that was refused: when, and every problem of the pack. */
    public record Failure(Instant at, List<RuleProblem> problems) {
    }

    /**
     * Compiles the pack in the directory; fails like {@link RuleBaseCompiler#compile} when it is invalid, since
     * there is no earlier rule base to keep serving.
     */
    public LiveRuleBase(Path directory, RuleBaseCompiler compiler) {
        this.directory = directory;
        this.compiler = compiler;
        this.current = new AtomicReference<>(compiler.compile(directory));
    }

    /** The rule base to use for one request. */
    public RuleBase current() {
        return current.get();
    }

    /** The last refused reload, if the latest attempt failed; empty once a reload succeeds. */
    public java.util.Optional<Failure> lastFailure() {
        return java.util.Optional.ofNullable(lastFailure.get());
    }

    /**
     * Waits until a reload attempt (successful or refused) happens after {@code seen} attempts, or the timeout passes.
     *
     * @return the number of reload attempts so far
     */
    public long awaitReload(long seen, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changes) {
            while (reloads <= seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(changes, left);
            }
            return reloads;
        }
    }

    /** Compiles the pack again now; swaps it in when valid. Returns whether it was. */
    public boolean reload() {
        try {
            return swapIn();
        } finally {
            synchronized (changes) {
                reloads++;
                changes.notifyAll();
            }
        }
    }

    private boolean swapIn() {
        try {
            RuleBase next = compiler.compile(directory);
            tryOnSamples(next);
            RuleBase previous = current.getAndSet(next);
            lastFailure.set(null);
            if (!next.version().equals(previous.version())) {
                log.info("Rule pack {} reloaded: version {} replaces {}", directory, next.version(),
                        previous.version());
                next.warnings().forEach(warning -> log.warn("Rule pack {}: {}", directory, warning));
            }
            return true;
        } catch (RulePackException e) {
            lastFailure.set(new Failure(Instant.now(), e.problems()));
            log.warn("Rule pack {} changed but is invalid; version {} keeps serving. {}", directory,
                    current.get().version(), e.getMessage());
            return false;
        }
    }

    /**
     * Refuses a pack whose rules fail for a sample customer (LS-RULE-0012), or overrun a limit or leave a fact behind
     * (LS-RULE-0017 to 0019), before it can fail every evaluation. A sample no rule decides is not a failure of the
     * rules: other customers may well be decided.
     */
    private void tryOnSamples(RuleBase next) {
        try (Classifier classifier = next.newClassifier()) {
            for (var sample : SampleCustomers.asOfNow(next.thresholds().attributes())) {
                try {
                    classifier.classify(sample);
                } catch (ClassificationException e) {
                    if (!e.code().equals("LS-RULE-0010") && !e.code().equals("LS-RULE-0011")) {
                        throw new RulePackException(directory, List.of(new RuleProblem(e.code(),
                                String.valueOf(directory.getFileName()), 0,
                                "the pack compiles, but " + e.getMessage().substring(e.code().length() + 1)
                                        + "; it would fail evaluations, so it is not swapped in")));
                    }
                }
            }
        }
    }

    /** Starts watching the rules directory (and its subdirectories) and reloading after each change. */
    public synchronized void watch() {
        if (watching != null) {
            return;
        }
        try {
            watcher = FileSystems.getDefault().newWatchService();
            register(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch rules directory " + directory, e);
        }
        watching = new Thread(this::watchLoop, "lifestage-rules-watch");
        watching.setDaemon(true);
        watching.start();
        log.info("Watching rule pack {} for changes", directory);
    }

    private void register(Path root) throws IOException {
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path dir : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }

    private void watchLoop() {
        try {
            while (true) {
                drain(watcher.take());
                WatchKey more;
                while ((more = watcher.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                register(directory);
                reload();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.error("Stopped watching rule pack {}: {}", directory, e.toString());
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    /** Stops watching; the current rule base stays usable. */
    @Override
    public synchronized void close() {
        if (watching != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            watching.interrupt();
            watching = null;
        }
    }
}
