package io.lifestage.cli;

import io.lifestage.api.LifestageException;

/** The exit codes of the command line, part of its contract with scripts. */
final class ExitCodes {

    /** Success. */
    static final int OK = 0;
    /** A failure while running: unreadable input, a bad configuration value, a failing rule. */
    static final int FAILURE = 1;
    /** Wrong command-line usage (picocli's own code). */
    static final int USAGE = 2;
    /** The rule pack is invalid. */
    static final int INVALID_RULES = 3;
    /** {@code validate}: the rule pack is valid, with warnings (legal, but probably not meant). */
    static final int WARNINGS = 4;

    private ExitCodes() {
    }

    /** The exit code of a command that failed with a {@link LifestageException} of this kind. */
    static int of(LifestageException.Kind kind) {
        return kind == LifestageException.Kind.INVALID_RULES ? INVALID_RULES : FAILURE;
    }
}
