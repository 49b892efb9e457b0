package io.lifestage.cli;

import java.util.Locale;

/**
 * {@code --log-level LEVEL}: how much of Lifestage's own log, connectors included, reaches standard error. The
 * distribution's Logback configuration reads it as the system property {@value #PROPERTY} when logging starts, which
 * is before picocli parses the arguments (a command's class may open a logger as it loads): {@link #applyEarly}
 * reads it from the raw arguments first.
 */
enum LogLevel {
    ERROR, WARN, INFO, DEBUG, TRACE;

    /** The system property {@code dist/src/main/resources/logback.xml} takes the level of {@code io.lifestage} from. */
    static final String PROPERTY = "lifestage.log.level";

    private static final String OPTION = "--log-level";

    /** Sets {@value #PROPERTY} from a well-formed {@code --log-level} among the arguments; picocli reports others. */
    static void applyEarly(String... args) {
        for (int i = 0; i < args.length; i++) {
            String value = args[i].startsWith(OPTION + "=") ? args[i].substring(OPTION.length() + 1)
                    : args[i].equals(OPTION) && i + 1 < args.length ? args[i + 1] : null;
            if (value != null) {
                try {
                    System.setProperty(PROPERTY, valueOf(value.toUpperCase(Locale.ROOT)).name());
                } catch (IllegalArgumentException e) {
                    return;
                }
            }
        }
    }
}
