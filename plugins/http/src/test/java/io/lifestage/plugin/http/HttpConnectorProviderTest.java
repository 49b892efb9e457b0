package io.lifestage.plugin.http;

import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.testkit.ProviderContract;
import java.util.Set;

/** The provider honours the test kit's provider contract, and marks the credentials among its keys as secret. */
class HttpConnectorProviderTest extends ProviderContract {

    @Override
    protected ConnectorProvider provider() {
        return new HttpConnectorProvider();
    }

    @Override
    protected Set<String> secretKeys() {
        return Set.of("bearer-token", "signing-secret");
    }
}
