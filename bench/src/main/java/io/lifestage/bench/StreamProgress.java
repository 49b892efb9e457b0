package io.lifestage.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches a {@code lifestage stream} application from outside, for bench/stream.sh: every 200 ms, how much of the input
 * topic its consumer group has committed and how many transitions the output topic holds ({@code read_committed}).
 * Creates the output topic with the broker's default partitions if it is missing, so that it can be watched before
 * the nodes start. Returns once the whole input is committed and then the output has not grown for the quiet time,
 * and prints the times, counted from the group's first commit: the whole input taken in, the last transition
 * written, and the events per second of each.
 *
 * <p>Arguments: bootstrap servers, application id, input topic, output topic, quiet seconds.
 */
public final class StreamProgress {

    private static final long POLL_MILLIS = 200;

    private StreamProgress() {
    }

    public static void main(String[] args) throws Exception {
        String group = args[1];
        String input = args[2];
        String output = args[3];
        long quiet = Duration.ofSeconds(Long.parseLong(args[4])).toNanos();
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        try (Admin admin = Admin.create(properties)) {
            if (!admin.listTopics().names().get().contains(output)) {
                admin.createTopics(List.of(new NewTopic(output, Optional.empty(), Optional.empty()))).all().get();
            }
            long events = endOffsets(admin, input);
            long launched = System.nanoTime();
            long firstCommit = 0;
            long takenIn = 0;
            long lastOutput = 0;
            long transitions = 0;
            while (takenIn == 0 || System.nanoTime() - Math.max(lastOutput, takenIn) < quiet) {
                Thread.sleep(POLL_MILLIS);
                long now = System.nanoTime();
                long committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                        .entrySet().stream().filter(entry -> entry.getKey().topic().equals(input))
                        .mapToLong(entry -> entry.getValue().offset()).sum();
                if (firstCommit == 0 && committed > 0) {
                    firstCommit = now;
                }
                if (takenIn == 0 && committed == events) {
                    takenIn = now;
                }
                long written = endOffsets(admin, output);
                if (written != transitions) {
                    transitions = written;
                    lastOutput = now;
                }
            }
            System.out.printf(Locale.ROOT, "  first commit %.1f s after the watch began; then %,d events taken in"
                    + " in %.1f s (%,.0f events/s); %,d transitions, the last %.1f s after the first commit"
                    + " (%,.0f events/s end to end)%n", seconds(firstCommit - launched), events,
                    seconds(takenIn - firstCommit), events / seconds(takenIn - firstCommit), transitions,
                    seconds(lastOutput - firstCommit), events / seconds(lastOutput - firstCommit));
        }
    }

    /** The sum of a topic's end offsets, of committed records. */
    private static long endOffsets(Admin admin, String topic) throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                .partitions().stream().map(partition -> new TopicPartition(topic, partition.partition())).toList();
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
        return admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get().values()
                .stream().mapToLong(ListOffsetsResultInfo::offset).sum();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
