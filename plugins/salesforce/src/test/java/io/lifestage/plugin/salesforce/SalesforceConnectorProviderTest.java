package io.lifestage.plugin.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.testkit.ProviderContract;
import org.junit.jupiter.api.Test;

/** The Salesforce provider honours the provider contract, and its client secret is the only secret. */
class SalesforceConnectorProviderTest extends ProviderContract {

    @Override
    protected ConnectorProvider provider() {
        return new SalesforceConnectorProvider();
    }

    @Test
    void declaresTheClientSecretAndNothingElseSecret() {
        assertThat(keys().filter(ConfigKey::secret).map(ConfigKey::name).distinct()).containsExactly("client-secret");
    }
}
