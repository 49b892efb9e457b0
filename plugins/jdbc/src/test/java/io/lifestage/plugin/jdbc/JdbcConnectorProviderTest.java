package io.lifestage.plugin.jdbc;

import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.testkit.ProviderContract;
import java.util.Set;

/** The provider honours the test kit's provider contract, and marks only the password as secret. */
class JdbcConnectorProviderTest extends ProviderContract {

    @Override
    protected ConnectorProvider provider() {
        return new JdbcConnectorProvider();
    }

    @Override
    protected Set<String> secretKeys() {
        return Set.of("password");
    }
}
