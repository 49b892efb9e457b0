package io.lifestage.api.spi;

import java.util.Objects;

/**
 * A record a connector could not use, as written to the dead-letter output.
 *
 * @param source   the connector's name ({@link ConnectorContext#name()}), or the input it read, for example
 *                 {@code events.jsonl}; the engine reports every reject under the connector's name, with an input
 *                 named here in front of the position
 * @param position where in the input, for example {@code line 12}
 * @param reason   what is wrong, in words a person can act on
 * @param record   the raw record as read, possibly shortened
 */
public record Rejection(String source, String position, String reason, String record) {

    public Rejection {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(reason, "reason");
        record = record == null ? "" : record;
    }
}
