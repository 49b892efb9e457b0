package io.lifestage.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Period;
import org.junit.jupiter.api.Test;

class CalendarStepTest {

    @Test
    void eachNameAndAdverbOfTheCommandLineAndTheApiGivesItsCalendarLength() {
        assertThat(CalendarStep.named("day")).get().extracting(CalendarStep::length).isEqualTo(Period.ofDays(1));
        assertThat(CalendarStep.named("week")).get().extracting(CalendarStep::length).isEqualTo(Period.ofDays(7));
        assertThat(CalendarStep.named("quarter")).get().extracting(CalendarStep::length).isEqualTo(Period.ofMonths(3));
        assertThat(CalendarStep.ofAdverb("monthly")).contains(CalendarStep.MONTH);
        assertThat(CalendarStep.ofAdverb("yearly")).get().extracting(CalendarStep::length)
                .isEqualTo(Period.ofYears(1));
    }

    @Test
    void anUnknownOrCapitalisedNameIsNoStep() {
        assertThat(CalendarStep.named("fortnight")).isEmpty();
        assertThat(CalendarStep.named("MONTH")).isEmpty();
        assertThat(CalendarStep.named("monthly")).isEmpty();
        assertThat(CalendarStep.ofAdverb("month")).isEmpty();
    }

    @Test
    void aScorecardComparesMonthsQuartersAndYearsOnly() {
        assertThat(CalendarStep.values()).filteredOn(CalendarStep::comparable)
                .containsExactly(CalendarStep.MONTH, CalendarStep.QUARTER, CalendarStep.YEAR);
    }
}
