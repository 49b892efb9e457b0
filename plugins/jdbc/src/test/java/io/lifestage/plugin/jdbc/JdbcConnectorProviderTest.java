package io.lifestage.plugin.jdbc;

import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.testkit.ProviderContract;
import io.lifestage.testkit.SecretKeys;

/** The provider honours the test kit's provider contract, and marks only the password as secret. */
@SecretKeys("password")
class JdbcConnectorProviderTest extends ProviderContract {

    @Override
    protected ConnectorProvider provider() {
        return new JdbcConnectorProvider();
    }
}
