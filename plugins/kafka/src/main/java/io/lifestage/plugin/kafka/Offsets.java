package io.lifestage.plugin.kafka;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * A source's position: the offset of the next record to read in every partition it reads, as
 * {@code topic:partition=offset} joined by commas, for example {@code events:0=42,events:1=17}. Topic names hold
 * only letters, digits, {@code .}, {@code _} and {@code -}, so the separators are never part of one.
 */
final class Offsets {

    static final String FORM = "topic:partition=offset, comma-separated, e.g. events:0=42,events:1=17";
    private static final Pattern ENTRY = Pattern.compile("([A-Za-z0-9._-]{1,249}):(\\d{1,9})=(\\d{1,18})");

    private Offsets() {
    }

    static String write(Map<TopicPartition, Long> offsets) {
        return offsets.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(TopicPartition::topic)
                        .thenComparingInt(TopicPartition::partition)))
                .map(entry -> entry.getKey().topic() + ":" + entry.getKey().partition() + "=" + entry.getValue())
                .collect(Collectors.joining(","));
    }

    /**
     * The offsets a position holds.
     *
     * @throws IllegalArgumentException naming the first entry that is not {@code topic:partition=offset}
     */
    static Map<TopicPartition, Long> parse(String position) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (String entry : position.split(",", -1)) {
            Matcher matcher = ENTRY.matcher(entry.trim());
            if (!matcher.matches()) {
                throw new IllegalArgumentException("'" + entry + "' is not topic:partition=offset");
            }
            offsets.put(new TopicPartition(matcher.group(1), Integer.parseInt(matcher.group(2))),
                    Long.parseLong(matcher.group(3)));
        }
        return offsets;
    }
}
