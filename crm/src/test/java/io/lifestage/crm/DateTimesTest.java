package io.lifestage.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A date-time a sink wrote reads back as the same value in the CRM's own spelling, so it is not written again. */
class DateTimesTest {

    @Test
    void readsTheSpellingsCrmsAnswerWith() {
        Instant at = Instant.parse("2026-11-01T09:30:00Z");

        assertThat(DateTimes.parse("2026-11-01T09:30:00Z")).contains(at);
        assertThat(DateTimes.parse("2026-11-01T09:30:00.000Z")).contains(at);
        assertThat(DateTimes.parse("2026-11-01T09:30:00.000+0000")).contains(at);
        assertThat(DateTimes.parse("2026-11-01T10:30:00+01:00")).contains(at);
        assertThat(DateTimes.parse("retention")).isEmpty();
    }

    @Test
    void takesTheSameInstantSpelledAnotherWayForTheSameValueAndNothingElse() {
        assertThat(DateTimes.same("2026-11-01T09:30:00.000+0000", "2026-11-01T09:30:00Z")).isTrue();
        assertThat(DateTimes.same("retention", "retention")).isTrue();
        assertThat(DateTimes.same("2026-11-01T09:30:01.000+0000", "2026-11-01T09:30:00Z")).isFalse();
        assertThat(DateTimes.same("", "retention")).isFalse();
    }

    @Test
    void keepsOnlyTheWantedValuesARecordDoesNotHoldAlreadyInTheirOrder() {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put("stage", "retention");
        wanted.put("since", "2026-11-01T09:30:00Z");
        wanted.put("rule", "retention-repeat");
        Map<String, String> record = Map.of("stage", "conversion", "since", "2026-11-01T09:30:00.000+0000");

        assertThat(DateTimes.changed(wanted, field -> record.getOrDefault(field, "")))
                .containsExactly(Map.entry("stage", "retention"), Map.entry("rule", "retention-repeat"));
    }
}
