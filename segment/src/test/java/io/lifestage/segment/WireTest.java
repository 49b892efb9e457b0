package io.lifestage.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifestage.api.Transition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
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
