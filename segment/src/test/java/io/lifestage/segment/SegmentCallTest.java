package io.lifestage.segment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A call whose ids or name the store cannot hold is refused with the field and why; any other text is kept. */
class SegmentCallTest {

    @Test
    void keepsIdsAndNamesWithCharactersOutsideTheBasicPlane() {
        SegmentCall.Parsed parsed = SegmentCall.parse(call("ann\uD83D\uDE00", "Order \uD83D\uDED2 Completed"));

        assertThat(parsed.rejection()).isNull();
        assertThat(parsed.event().userId()).isEqualTo("ann\uD83D\uDE00");
        assertThat(parsed.event().name()).isEqualTo("Order \uD83D\uDED2 Completed");
    }

    @Test
    void refusesALoneSurrogateWhereverItStandsNamingTheField() {
        for (String userId : new String[] {"\uD83D", "ann\uD83D", "\uDE00ann", "a\uDE00\uD83Dn"}) {
            assertThat(SegmentCall.parse(call(userId, "Signed Up")).rejection()).as(userId)
                    .isEqualTo("'userId' holds a lone UTF-16 surrogate, which cannot be stored");
        }
        assertThat(SegmentCall.parse(call("ann", "Signed \uDE00Up")).rejection())
                .isEqualTo("'event' holds a lone UTF-16 surrogate, which cannot be stored");
    }

    /** A track call as JSON text, the strings escaped as JSON escapes them, so that a lone surrogate survives. */
    private static String call(String userId, String event) {
        return "{\"type\":\"track\",\"userId\":\"" + escaped(userId) + "\",\"event\":\"" + escaped(event)
                + "\",\"timestamp\":\"2026-03-01T10:00:00Z\"}";
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c < 128 ? String.valueOf((char) c) : String.format("\\u%04X", c)));
        return out.toString();
    }
}
