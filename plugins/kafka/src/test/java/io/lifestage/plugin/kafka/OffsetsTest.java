package io.lifestage.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A position lists each topic's offsets in partition order, and reads back to the same offsets. */
class OffsetsTest {

    private static final Map<TopicPartition, Long> OFFSETS = Map.of(new TopicPartition("segment.web", 1), 998L,
            new TopicPartition("segment.web", 0), 1042L, new TopicPartition("segment.web", 2), 0L,
            new TopicPartition("segment.app", 0), 17L);

    @Test
    void writesEachTopicsOffsetsInPartitionOrder() {
        assertThat(Offsets.write(OFFSETS)).isEqualTo("segment.app=17;segment.web=1042,998,0");
    }

    @Test
    void readsBackTheOffsetsItWrote() {
        assertThat(Offsets.parse(Offsets.write(OFFSETS))).isEqualTo(OFFSETS);
    }

    @Test
    void refusesToWriteATopicWhosePartitionsHaveAGap() {
        assertThatThrownBy(() -> Offsets.write(Map.of(new TopicPartition("events", 1), 5L)))
                .hasMessageContaining("events");
    }

    @Test
    void refusesToReadAPartThatIsNotTopicAndOffsetsNamingIt() {
        assertThatThrownBy(() -> Offsets.parse("events=1,2;events:0=3")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'events:0=3'");
    }
}
