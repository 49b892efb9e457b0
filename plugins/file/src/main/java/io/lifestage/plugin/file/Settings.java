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
import java.nio.file.NoSuchFileException;

/**
 * Reads and checks this connector's settings, failing with the key and allowed values; and words I/O failures so
 * that they name the file. Every failure is final: none is retriable.
 */
final class Settings {

    private Settings() {
    }

    private static ConnectorException invalid(ConfigKey key, String problem) {
        return ConnectorException.fatal("setting '" + key.name() + "' " + problem);
    }

    /** One character that cannot start a quoted field or end a line. */
    static char delimiter(ConnectorContext context) {
        String value = context.requiredSetting(FileConnectorProvider.DELIMITER);
        if (value.length() != 1 || "\"\r\n".contains(value)) {
            throw invalid(FileConnectorProvider.DELIMITER, "must be one character other than a quote or a line end,"
                    + " got '" + value + "'");
        }
        return value.charAt(0);
    }

    /** A character set that writes a line feed as the one byte 10, as lines are split at that byte. */
    static Charset encoding(ConnectorContext context) {
        String value = context.requiredSetting(FileConnectorProvider.ENCODING);
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
