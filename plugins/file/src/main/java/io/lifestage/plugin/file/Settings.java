package io.lifestage.plugin.file;

import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and checks this connector's settings, failing with the connector, key and allowed values; and words I/O
 * failures so that they name the connector and the file. Every failure is final: none is retriable.
 */
final class Settings {

    private Settings() {
    }

    static String oneOf(ConnectorContext context, String key, String fallback, Set<String> allowed) {
        String value = context.setting(key).orElse(fallback);
        if (!allowed.contains(value)) {
            throw new ConnectorException("connector '" + context.name() + "': setting '" + key + "' is '" + value
                    + "', expected one of " + String.join(", ", new TreeSet<>(allowed)), false);
        }
        return value;
    }

    static int positive(ConnectorContext context, String key, int fallback) {
        String value = context.setting(key).orElse(String.valueOf(fallback));
        try {
            int number = Integer.parseInt(value.trim());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConnectorException("connector '" + context.name() + "': setting '" + key + "' must be a"
                + " positive whole number, got '" + value + "'", false);
    }

    static Path path(ConnectorContext context, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new ConnectorException("connector '" + context.name() + "': setting 'path' is not a valid path: "
                    + e.getMessage(), false, e);
        }
    }

    /** {@code connector 'events': cannot read /data/events.jsonl: no such file}. */
    static ConnectorException failure(ConnectorContext context, String what, IOException e) {
        return new ConnectorException("connector '" + context.name() + "': " + what + ": " + describe(e), false, e);
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason() + (fs.getFile() == null ? "" : " (" + fs.getFile() + ")");
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
