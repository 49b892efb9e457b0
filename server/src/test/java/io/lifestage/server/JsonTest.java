package io.lifestage.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.Transition;
import io.lifestage.segment.RecordJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {

    private static final Transition KEPT = new Transition("t1", "u1", "loyalty", "churn",
            Instant.parse("2026-06-01T00:00:00Z"), "churn-inactive", "quiet, for 200 days", "v1",
            List.of("win-back", "survey"), Transition.Policy.KEPT_AGAINST_POLICY);

    @Test
    void spellsATransitionAsTheOpenApiDocumentAndEverySinkDo() throws Exception {
        assertThat(Json.MAPPER.writeValueAsString(RecordJson.fields(KEPT)))
                .isEqualTo(new String(RecordJson.write(KEPT), StandardCharsets.UTF_8))
                .contains("\"actions\":[\"win-back\",\"survey\"]", "\"policy\":\"kept_against_policy\"");
    }
}
