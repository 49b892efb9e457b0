package io.lifestage.plugin.salesforce;

import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.testkit.ProviderContract;
import io.lifestage.testkit.SecretKeys;

/** The Salesforce provider honours the provider contract, and its client secret is the only secret. */
@SecretKeys("client-secret")
class SalesforceConnectorProviderTest extends ProviderContract {

    @Override
    protected ConnectorProvider provider() {
        return new SalesforceConnectorProvider();
    }
}
