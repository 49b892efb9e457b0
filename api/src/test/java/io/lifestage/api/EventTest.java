package io.lifestage.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void customerIsTheUserWhenKnownElseTheAnonymousVisitor() {
        assertThat(new Event(Event.Type.PAGE, "u1", "a1", Event.PAGE_VIEWED, T, null, null).customerId())
                .isEqualTo("u1");
        assertThat(new Event(Event.Type.PAGE, " ", "a1", Event.PAGE_VIEWED, T, null, null).customerId())
                .isEqualTo("a1");
    }

    @Test
    void refusesAnEventWithoutAnyId() {
        assertThatThrownBy(() -> new Event(Event.Type.TRACK, null, "", "Signed Up", T, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("userId or an anonymousId");
    }

    @Test
    void readsNumbersWrittenAsNumbersOrStrings() {
        Event order = Event.track("u1", "Order Completed", T, Map.of("total", 12.5, "tax", "2", "coupon", "SUMMER"));

        assertThat(order.number("total")).isEqualTo(12.5);
        assertThat(order.number("tax")).isEqualTo(2.0);
        assertThat(order.number("coupon")).isNull();
        assertThat(order.number("missing")).isNull();
    }
}
