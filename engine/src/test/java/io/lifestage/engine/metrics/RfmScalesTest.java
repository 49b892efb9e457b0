package io.lifestage.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.engine.internal.Days;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Quintile scores against a population, also for a buyer who is not (yet) part of it. */
class RfmScalesTest {

    private static final long DAY = Days.MILLIS;
    private static final long AS_OF = 1_000 * DAY;

    private final RfmScales scales = RfmScales.of(List.of(
            new RfmScales.Buyer(AS_OF - 100 * DAY, 1, 10),
            new RfmScales.Buyer(AS_OF - 50 * DAY, 2, 20),
            new RfmScales.Buyer(AS_OF - 10 * DAY, 3, 30),
            new RfmScales.Buyer(AS_OF - 5 * DAY, 4, 40),
            new RfmScales.Buyer(AS_OF - DAY, 5, 50)), AS_OF);

    @Test
    void eachBuyerScoresTheQuintileOfThoseBelowThem() {
        assertThat(scales.frequency.score(1)).isEqualTo(1);
        assertThat(scales.frequency.score(3)).isEqualTo(3);
        assertThat(scales.monetary.score(50)).isEqualTo(5);
        assertThat(scales.recencyScore(AS_OF - 100 * DAY)).isEqualTo(1);
        assertThat(scales.recencyScore(AS_OF - DAY)).isEqualTo(5);
    }

    @Test
    void aBuyerAboveTheWholePopulationScoresFiveNotMore() {
        assertThat(scales.frequency.score(9)).isEqualTo(5);
        assertThat(scales.monetary.score(1_000)).isEqualTo(5);
        assertThat(scales.recencyScore(AS_OF)).isEqualTo(5);
    }

    @Test
    void everyValueScoresOnePlusTheQuintileOfTheValuesStrictlyBelowIt() {
        Random random = new Random(11);
        for (int size : new int[] {1, 2, 4, 5, 7, 10, 99, 1_001}) {
            double[] values = random.doubles(size, 0, 20).map(Math::floor).toArray();
            RfmScale scale = RfmScale.of(Arrays.stream(values));
            for (double value = -1; value <= 21; value += 0.5) {
                double probe = value;
                long below = Arrays.stream(values).filter(v -> v < probe).count();
                assertThat(scale.score(value)).as("%s among %d values", value, size)
                        .isEqualTo((int) Math.min(5, 1 + 5 * below / size));
            }
        }
    }

    @Test
    void scalesMeasuredAsOfAnotherInstantScoreAsScalesComputedThen() {
        Random random = new Random(7);
        List<RfmScales.Buyer> buyers = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            buyers.add(new RfmScales.Buyer(AS_OF - random.nextLong(400 * DAY), 1 + random.nextInt(9),
                    random.nextInt(500)));
        }
        RfmScales computed = RfmScales.of(buyers, AS_OF);

        for (long later : new long[] {AS_OF, AS_OF + DAY / 3, AS_OF + 45 * DAY + 1, AS_OF - 200 * DAY}) {
            RfmScales then = RfmScales.of(buyers, later);
            RfmScales measured = computed.asOf(later);
            assertThat(measured.bounds()).usingRecursiveComparison().isEqualTo(then.bounds());
            for (RfmScales.Buyer buyer : buyers.subList(0, 100)) {
                assertThat(measured.score(buyer)).isEqualTo(then.score(buyer));
            }
        }
    }
}
