package io.lifestage.api.spi;

import java.util.Objects;

/**
 * A record a connector could not use, as written to the dead-letter output.
 *
 * @param source   the connector's name and input, for example {@code events.jsonl}
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
