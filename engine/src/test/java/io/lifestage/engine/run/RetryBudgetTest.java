package io.lifestage.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifestage.api.spi.ConnectorException;
import io.lifestage.engine.config.LifestageConfig;
import io.lifestage.engine.config.RetrySettings;
import io.lifestage.engine.config.RulesSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {

    private static final ConnectorException BUSY = ConnectorException.retriable("HTTP 503");

    @Test
    void pausesLongerAfterEachFailureUpToTheLongestPause() {
        RetryBudget budget = new RetryBudget(8, Duration.ofSeconds(3));

        assertThat(budget.pauseAfter(1, BUSY)).isEqualTo(Duration.ofMillis(400));
        assertThat(budget.pauseAfter(2, BUSY)).isEqualTo(Duration.ofMillis(800));
        assertThat(budget.pauseAfter(3, BUSY)).isEqualTo(Duration.ofMillis(1600));
        assertThat(budget.pauseAfter(4, BUSY)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void pausesAsLongAsTheConnectorAsksButNoLongerThanTheLongestPause() {
        RetryBudget budget = new RetryBudget(5, Duration.ofSeconds(30));

        assertThat(budget.pauseAfter(1, ConnectorException.retriable("HTTP 429").retryAfter(Duration.ofSeconds(10))))
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(budget.pauseAfter(1, ConnectorException.retriable("HTTP 429").retryAfter(Duration.ofHours(1))))
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void readsTheBudgetFromTheConfiguration() {
        assertThat(budget(Map.of())).isEqualTo(RetryBudget.DEFAULT);
        assertThat(budget(Map.of("lifestage.retry.attempts", "8", "lifestage.retry.max-pause", "15s")))
                .isEqualTo(new RetryBudget(8, Duration.ofSeconds(15)));
    }

    @Test
    void refusesABudgetThatCannotWorkNamingTheKey() {
        assertThatThrownBy(() -> budget(Map.of("lifestage.retry.attempts", "0")))
                .hasMessage("LS-CONF-0200 lifestage.retry.attempts: must be 1 or more, got 0");
        assertThatThrownBy(() -> budget(Map.of("lifestage.retry.max-pause", "soon")))
                .hasMessageStartingWith("LS-CONF-0200 lifestage.retry.max-pause: 'soon' is not a duration");
    }

    private static RetryBudget budget(Map<String, String> retrySettings) {
        Map<String, String> settings = new HashMap<>(retrySettings);
        settings.put(RulesSettings.DIR, "pack");
        return RetryBudget.of(LifestageConfig.build(settings, null).getConfigMapping(RetrySettings.class));
    }
}
