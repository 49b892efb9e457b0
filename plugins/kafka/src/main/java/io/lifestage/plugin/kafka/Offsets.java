package io.lifestage.plugin.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * A source's position: for each topic, the offset of the next record to read in its partitions 0, 1, 2…, as
 * {@code topic=offset,offset,…} joined by semicolons, for example {@code events=42,17,96;signups=5}. Kafka numbers a
 * topic's partitions from 0 without gaps and the source reads all of them, so the numbers need not be written: the
 * engine keeps positions of up to 4,000 characters. Topic names hold only letters, digits, {@code .}, {@code _} and
 * {@code -}, so the separators are never part of one.
 */
final class Offsets {

    static final String FORM = "topic=offset,offset,… (partitions 0, 1, …), topics separated by ';', e.g."
            + " events=42,17,96;signups=5";
    private static final Pattern TOPIC = Pattern.compile("([A-Za-z0-9._-]{1,249})=(\\d{1,18}(?:,\\d{1,18})*)");

    private Offsets() {
    }

    /**
     * The position of these offsets.
     *
     * @throws IllegalArgumentException when a topic's partitions are not 0, 1, 2… without a gap
     */
    static String write(Map<TopicPartition, Long> offsets) {
        Map<String, TreeMap<Integer, Long>> topics = new TreeMap<>();
        offsets.forEach((partition, offset) -> topics.computeIfAbsent(partition.topic(), topic -> new TreeMap<>())
                .put(partition.partition(), offset));
        List<String> written = new ArrayList<>();
        topics.forEach((topic, partitions) -> {
            if (partitions.lastKey() != partitions.size() - 1) {
                throw new IllegalArgumentException("topic " + topic + ": partitions " + partitions.keySet()
                        + " are not 0 to " + (partitions.size() - 1));
            }
            written.add(topic + "=" + partitions.values().stream().map(String::valueOf)
                    .collect(Collectors.joining(",")));
        });
        return String.join(";", written);
    }

    /**
     * The offsets a position holds.
     *
     * @throws IllegalArgumentException naming the first part that is not {@code topic=offset,offset,…}
     */
    static Map<TopicPartition, Long> parse(String position) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (String part : position.split(";", -1)) {
            Matcher matcher = TOPIC.matcher(part.trim());
            if (!matcher.matches()) {
                throw new IllegalArgumentException("'" + part + "' is not topic=offset,offset,…");
            }
            String[] partitions = matcher.group(2).split(",");
            for (int partition = 0; partition < partitions.length; partition++) {
                offsets.put(new TopicPartition(matcher.group(1), partition), Long.parseLong(partitions[partition]));
            }
        }
        return offsets;
    }
}
