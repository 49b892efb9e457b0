package io.lifestage.engine.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.engine.config.ConfiguredThresholds;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Conditions that cannot all hold are found from the simple comparisons on the customer, and only then. */
class ContradictionsTest {

    private static final ConfiguredThresholds THRESHOLDS = ConfiguredThresholds.of(Map.of("loyal-orders", 3));

    private static String why(String conditions) {
        return Contradictions.contradiction(conditions, THRESHOLDS).orElse("may fire");
    }

    @Test
    void boundsThatExcludeEachOtherCanNeverHold() {
        assertThat(why("$c : CustomerMetrics( orders > 5 && orders < 2 )"))
                .isEqualTo("'orders > 5' and 'orders < 2' cannot both hold");
        assertThat(why("CustomerMetrics( orders >= threshold.get(\"loyal-orders\"), orders <= 2 )"))
                .isEqualTo("'orders >= threshold.get(\"loyal-orders\")' and 'orders <= 2' cannot both hold");
    }

    @Test
    void boundsAcrossTheRowsOfADecisionTableCount() {
        assertThat(why("CustomerMetrics(customer == false)\n CustomerMetrics(purchases == 1)"))
                .isEqualTo("'purchases == 1' and 'customer == false' cannot both hold");
    }

    @Test
    void aFlagAndItsNegationCanNeverHold() {
        assertThat(why("CustomerMetrics( subscriptionCancelled, !subscriptionCancelled )"))
                .isEqualTo("'subscriptionCancelled' and '!subscriptionCancelled' cannot both hold");
    }

    @Test
    void wholeNumbersLeaveNoRoomBetweenNeighbours() {
        assertThat(why("CustomerMetrics( orders > 2, orders < 3 )")).isEqualTo("'orders > 2' and 'orders < 3' cannot"
                + " both hold");
        assertThat(why("CustomerMetrics( revenue > 2, revenue < 3 )")).isEqualTo("may fire");
    }

    @Test
    void saysNothingWhereItCannotBeSure() {
        assertThat(why("CustomerMetrics( orders > 5 || orders < 2 )")).isEqualTo("may fire");
        assertThat(why("not CustomerMetrics( orders > 5, orders < 2 )")).isEqualTo("may fire");
        assertThat(why("CustomerMetrics( orders >= 2, orders <= 2 )")).isEqualTo("may fire");
        assertThat(why("CustomerMetrics( countWithin(\"Order Completed\", 365) > 5, orders < 2 )"))
                .isEqualTo("may fire");
    }
}
