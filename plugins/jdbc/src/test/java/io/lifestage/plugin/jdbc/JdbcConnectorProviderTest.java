package io.lifestage.plugin.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.testkit.ProviderContract;
import org.junit.jupiter.api.Test;

/** The provider honours the test kit's provider contract, and marks only the password as secret. */
class JdbcConnectorProviderTest extends ProviderContract {

    @Override
    protected ConnectorProvider provider() {
        return new JdbcConnectorProvider();
    }

    @Test
    void marksOnlyThePasswordAsSecret() {
        assertThat(keys().filter(ConfigKey::secret).map(ConfigKey::name).distinct())
                .containsExactly("password");
    }
}
