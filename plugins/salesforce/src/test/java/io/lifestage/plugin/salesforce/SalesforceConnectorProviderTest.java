package io.lifestage.plugin.salesforce;

import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.testkit.ProviderContract;
import java.util.Set;

/** The Salesforce provider honours the provider contract, and its client secret is the only secret. */
class SalesforceConnectorProviderTest extends ProviderContract {

    @Override
    protected ConnectorProvider provider() {
        return new SalesforceConnectorProvider();
    }

    @Override
    protected Set<String> secretKeys() {
        return Set.of("client-secret");
    }
}
