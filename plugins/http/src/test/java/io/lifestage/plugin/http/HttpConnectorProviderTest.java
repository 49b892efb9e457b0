package io.lifestage.plugin.http;

import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.testkit.ProviderContract;
import io.lifestage.testkit.SecretKeys;

/** The provider honours the test kit's provider contract, and marks the credentials among its keys as secret. */
@SecretKeys({"bearer-token", "signing-secret"})
class HttpConnectorProviderTest extends ProviderContract {

    @Override
    protected ConnectorProvider provider() {
        return new HttpConnectorProvider();
    }
}
