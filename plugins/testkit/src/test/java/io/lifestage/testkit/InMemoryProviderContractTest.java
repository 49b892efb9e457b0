package io.lifestage.testkit;

import io.lifestage.api.spi.ConnectorProvider;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/** The memory connector honours the provider contract, apart from the two checks of a plugin it is not. */
class InMemoryProviderContractTest extends ProviderContract {

    @Override
    protected ConnectorProvider provider() {
        return new InMemoryConnector();
    }

    @Override
    @Test
    @Disabled("deliberately not in META-INF/services: tests hand their own instance to the code under test")
    protected void isFoundByTheServiceLoaderUnderItsType() {
    }

    @Override
    @Test
    @Disabled("documented in the Javadoc of InMemoryConnector; the test kit has no README")
    protected void documentsEveryKeyInTheReadme() {
    }
}
