package io.lifestage.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifestage.api.Transition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WireTest {

    @Test
    void spellsPoliciesInLowerCaseWithUnderscoresAsTheHttpApiDoes() {
        assertThat(List.of(Transition.Policy.values())).extracting(Wire::name)
                .containsExactly("allowed", "kept_against_policy", "refused");
    }

    @Test
    void joinsListsWithCommas() {
        assertThat(Wire.list(List.of("win-back", "survey"))).isEqualTo("win-back,survey");
        assertThat(Wire.list(List.of())).isEmpty();
    }

    @Test
    void spellsInstantsAsInstantToStringDoes() {
        List<Instant> edges = List.of(Instant.EPOCH, Instant.parse("2026-05-17T09:03:35Z"),
                Instant.parse("2026-05-17T09:03:35.120Z"), Instant.parse("2026-05-17T09:03:35.000120Z"),
                Instant.parse("2026-05-17T09:03:35.000000120Z"), Instant.parse("1969-12-31T23:59:59.999Z"),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("-0001-12-31T23:59:59Z"), Instant.parse("+10000-01-01T00:00:00Z"), Instant.MIN,
                Instant.MAX);
        assertThat(edges).allSatisfy(at -> assertThat(Wire.instant(at)).isEqualTo(at.toString()));
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(-70_000_000_000L, 260_000_000_000L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant at = Instant.ofEpochSecond(seconds, nanos);
            assertThat(Wire.instant(at)).as("%s", at).isEqualTo(at.toString());
        }
    }

    @Test
    void readsPoliciesBackInEverySpellingEverWritten() {
        assertThat(List.of("kept_against_policy", "kept-against-policy", "KEPT_AGAINST_POLICY", " refused "))
                .extracting(Wire::policy).containsExactly(Transition.Policy.KEPT_AGAINST_POLICY,
                        Transition.Policy.KEPT_AGAINST_POLICY, Transition.Policy.KEPT_AGAINST_POLICY,
                        Transition.Policy.REFUSED);
        assertThatThrownBy(() -> Wire.policy("keep")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'keep' is not a transition policy; expected allowed, kept_against_policy or refused");
    }

    @Test
    void writesATransitionAsJsonWithTheWireSpelling() {
        Transition move = new Transition("t1", "u1", null, "churn", Instant.parse("2026-06-01T00:00:00Z"), "r",
                "quiet", "v1", List.of("win-back", "survey"), Transition.Policy.KEPT_AGAINST_POLICY);

        assertThat(new String(RecordJson.write(move), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"t1\","
                + "\"customerId\":\"u1\",\"from\":null,\"to\":\"churn\",\"at\":\"2026-06-01T00:00:00Z\",\"rule\":\"r\","
                + "\"reason\":\"quiet\",\"ruleBaseVersion\":\"v1\",\"actions\":[\"win-back\",\"survey\"],"
                + "\"policy\":\"kept_against_policy\"}");
    }
}
