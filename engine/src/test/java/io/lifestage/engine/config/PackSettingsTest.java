package io.lifestage.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.Decision;
import io.lifestage.api.Event;
import io.lifestage.engine.LifestageContainer;
import io.lifestage.testing.TestPack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An engine started on a pack counts the events and windows the pack's own pack.properties asks for. */
class PackSettingsTest {

    private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");

    @TempDir
    Path pack;

    @Test
    void thePacksExtraEventsAndWindowsAreCountedForItsRules() throws IOException {
        writeLearnerPack(45);

        try (LifestageContainer container = LifestageContainer.start(
                Map.of(RulesSettings.DIR, pack.toString()), null)) {
            List<Decision> decisions = container.engine().classify(List.of(
                    webinar(AS_OF.minusSeconds(86_400 * 40L)), webinar(AS_OF.minusSeconds(86_400 * 3L))), AS_OF);

            assertThat(decisions).singleElement().extracting(Decision::stage).isEqualTo("learner");
        }
    }

    @Test
    void aReloadedPacksNewWindowIsCountedForItsRules() throws IOException {
        writeLearnerPack(45);

        try (LifestageContainer container = LifestageContainer.start(
                Map.of(RulesSettings.DIR, pack.toString()), null)) {
            writePackProperties(60);
            assertThat(container.liveRuleBase().reload()).isTrue();

            List<Decision> decisions = container.engine().classify(List.of(
                    webinar(AS_OF.minusSeconds(86_400 * 50L)), webinar(AS_OF.minusSeconds(86_400 * 3L))), AS_OF);

            assertThat(decisions).singleElement().extracting(Decision::stage).isEqualTo("learner");
        }
    }

    /** A pack whose learners attended two webinars within its own learning window, of so many days. */
    private void writeLearnerPack(int learningWindowDays) throws IOException {
        TestPack.write(pack, "visitor,learner", """
                rule "learner" salience 2
                when CustomerMetrics( countWithin("Webinar Attended", threshold.get("learning-window-days")) >= 2 )
                then verdict.assign("learner", "two webinars"); end
                rule "visitor" salience 1 when CustomerMetrics( ) then verdict.assign("visitor", "seen"); end
                """);
        writePackProperties(learningWindowDays);
    }

    private void writePackProperties(int learningWindowDays) throws IOException {
        Files.writeString(pack.resolve("pack.properties"), "lifestage.metrics.extra-events=Webinar Attended\n"
                + "lifestage.threshold.learning-window-days=" + learningWindowDays + "\n");
    }

    private static Event webinar(Instant at) {
        return Event.track("c1", "Webinar Attended", at, Map.of());
    }
}
