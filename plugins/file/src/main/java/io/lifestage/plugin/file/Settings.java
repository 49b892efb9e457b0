package io.lifestage.plugin.file;

import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads and checks this connector's settings, failing with the key and allowed values; and words I/O failures so
 * that they name the file. Every failure is final: none is retriable.
 */
final class Settings {

    private Settings() {
    }

    /**
     * A setting, or the default its key declares when the context has none: a context made without the engine's
     * check, such as {@code lifestage classify}'s, holds only the settings it was given.
     */
    static String value(ConnectorContext context, ConfigKey key) {
        return context.setting(key.name()).or(key::defaultIfAny).orElse(null);
    }

    /** A whole number setting, which the engine checked against the key's range. */
    static int integer(ConnectorContext context, ConfigKey key) {
        return Integer.parseInt(value(context, key).trim());
    }

    private static ConnectorException invalid(ConfigKey key, String problem) {
        return ConnectorException.fatal("setting '" + key.name() + "' " + problem);
    }

    static boolean flag(ConnectorContext context, ConfigKey key) {
        String value = value(context, key).trim().toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw invalid(key, "must be true or false, got '" + value + "'");
        }
        return value.equals("true");
    }

    /** One character that cannot start a quoted field or end a line. */
    static char delimiter(ConnectorContext context) {
        String value = value(context, FileConnectorProvider.DELIMITER);
        if (value.length() != 1 || "\"\r\n".contains(value)) {
            throw invalid(FileConnectorProvider.DELIMITER, "must be one character other than a quote or a line end,"
                    + " got '" + value + "'");
        }
        return value.charAt(0);
    }

    /** A character set that writes a line feed as the one byte 10, as lines are split at that byte. */
    static Charset encoding(ConnectorContext context) {
        String value = value(context, FileConnectorProvider.ENCODING);
        Charset charset;
        try {
            charset = Charset.forName(value.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw invalid(FileConnectorProvider.ENCODING, "is '" + value + "', which this Java runtime does not"
                    + " know; use a name such as UTF-8, windows-1252 or ISO-8859-15");
        }
        ByteBuffer lineFeed = charset.encode("\n");
        if (lineFeed.remaining() != 1 || lineFeed.get() != '\n') {
            throw invalid(FileConnectorProvider.ENCODING, "is '" + value + "': only encodings that write a line feed"
                    + " as one byte are supported (UTF-8, windows-1252, ISO-8859-x; not UTF-16 or UTF-32)");
        }
        return charset;
    }

    static Path path(ConfigKey key, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw ConnectorException.fatal("setting '" + key.name() + "' is not a valid path: "
                    + e.getMessage(), e);
        }
    }

    /** {@code cannot read /data/events.jsonl: no such file or directory}. */
    static ConnectorException failure(String what, IOException e) {
        return ConnectorException.fatal(what + ": " + describe(e), e);
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
