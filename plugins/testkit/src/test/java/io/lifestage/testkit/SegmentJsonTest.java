package io.lifestage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifestage.api.Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Events become one-line Segment calls that any JSON reader accepts. */
class SegmentJsonTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void writesATrackCallWithItsEventNameAndEscapedText() {
        Event event = Event.track("u\"1", "Order Completed", AT, Map.of("note", "a\\b\nc\u0001"));

        assertThat(SegmentJson.call(event)).isEqualTo("{\"type\":\"track\",\"userId\":\"u\\\"1\",\"event\":"
                + "\"Order Completed\",\"timestamp\":\"2026-03-01T10:00:00Z\","
                + "\"properties\":{\"note\":\"a\\\\b\\nc\\u0001\"},\"traits\":{}}");
    }

    @Test
    void writesNumbersListsAndNestedObjects() {
        Event event = Event.track("u1", "Order Completed", AT, Map.of("items", List.of(Map.of("qty", 2L), 59.5)));

        assertThat(SegmentJson.call(event)).contains("\"properties\":{\"items\":[{\"qty\":2},59.5]}");
    }

    @Test
    void leavesOutTheEventNameOfOtherCallsAndAnAbsentId() {
        Event identify = new Event(Event.Type.IDENTIFY, null, "a1", Event.IDENTIFIED, AT, Map.of(),
                Map.of("vip", true));

        assertThat(SegmentJson.call(identify)).isEqualTo("{\"type\":\"identify\",\"anonymousId\":\"a1\","
                + "\"timestamp\":\"2026-03-01T10:00:00Z\",\"properties\":{},\"traits\":{\"vip\":true}}");
    }

    @Test
    void refusesANumberJsonCannotHold() {
        assertThatThrownBy(() -> SegmentJson.call(Event.track("u", "x", AT, Map.of("ratio", Double.NaN))))
                .hasMessage("JSON has no number NaN");
    }
}
