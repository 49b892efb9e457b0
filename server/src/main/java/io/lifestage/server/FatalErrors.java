package io.lifestage.server;

/**
 * Errors after which a JVM is not trusted to serve: an {@link OutOfMemoryError} or another {@link VirtualMachineError}
 * may have killed any thread (the HTTP dispatcher, the evaluator) and left the process up but deaf. A
 * {@link StackOverflowError} is not one of them: it unwinds the one thread that overflowed. Where one is caught, it is
 * handed to the thread's uncaught-exception handler, which {@code lifestage serve} makes stop the process.
 */
final class FatalErrors {

    /** The exit status of a process stopped by a fatal error. */
    static final int EXIT_STATUS = 70;

    private FatalErrors() {
    }

    static boolean isFatal(Throwable failure) {
        return failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError);
    }

    /** Hands a fatal error caught on this thread to its uncaught-exception handler, as if it had not been caught. */
    static void escalate(Throwable failure) {
        Thread thread = Thread.currentThread();
        thread.getUncaughtExceptionHandler().uncaughtException(thread, failure);
    }

    /**
     * Makes every thread's fatal error stop the process at once ({@link Runtime#halt}: after such an error shutdown
     * hooks may hang; every answered write is already durable), with one line on standard error; other uncaught
     * errors go to the handler there was before.
     */
    static void stopTheProcessOnOne() {
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
            if (isFatal(failure)) {
                System.err.println("LS-SERVE-0006 " + failure + " in thread " + thread.getName()
                        + ": stopping the process (exit status " + EXIT_STATUS + ") rather than serving without it");
                Runtime.getRuntime().halt(EXIT_STATUS);
            } else if (before != null) {
                before.uncaughtException(thread, failure);
            } else {
                thread.getThreadGroup().uncaughtException(thread, failure);
            }
        });
    }
}
