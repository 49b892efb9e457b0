package io.lifestage.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectorExceptionTest {

    @Test
    void aRetriableFailureCarriesThePauseTheRemoteSideAskedFor() {
        ConnectorException limited = ConnectorException.retriable("HTTP 429").retryAfter(Duration.ofSeconds(10));

        assertThat(limited.retriable()).isTrue();
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(10));
        assertThat(ConnectorException.retriable("HTTP 503").retryAfter()).isEmpty();
    }

    @Test
    void onlyARetriableFailureAsksForANonNegativePause() {
        assertThatThrownBy(() -> ConnectorException.fatal("HTTP 401").retryAfter(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("only a retriable failure");
        assertThatThrownBy(() -> ConnectorException.retriable("HTTP 429").retryAfter(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1S");
    }
}
