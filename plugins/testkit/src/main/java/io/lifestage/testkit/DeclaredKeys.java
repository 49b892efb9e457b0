package io.lifestage.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorDescriptor;
import io.lifestage.api.spi.ConnectorProvider;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The checks both contracts make on a provider's type and declared keys. */
final class DeclaredKeys {

    private static final String LOWER_CASE_WORDS = "[a-z][a-z0-9]*(-[a-z0-9]+)*";

    private DeclaredKeys() {
    }

    /** Checks that the provider offers the role ({@code "source"} or {@code "sink"}) with well-formed keys. */
    static void checkRole(ConnectorProvider provider, String role, Optional<? extends ConnectorDescriptor<?>> offered) {
        assertThat(offered).as("%s() of connector type '%s'", role, provider.type()).isPresent();
        check(provider.type(), offered.orElseThrow().keys());
    }

    static void check(String type, List<ConfigKey> keys) {
        assertThat(type).as("connector type").matches(LOWER_CASE_WORDS);
        Set<String> names = new HashSet<>();
        for (ConfigKey key : keys) {
            assertThat(key.name()).as("key of connector type '%s': lower case words joined by dashes", type)
                    .matches(LOWER_CASE_WORDS);
            assertThat(names.add(key.name())).as("key '%s' of connector type '%s' is declared once", key.name(), type)
                    .isTrue();
            if (key.required()) {
                assertThat(key.defaultValue()).as("default of required key '%s'", key.name()).isNull();
            }
            if (!key.choices().isEmpty() && key.defaultValue() != null) {
                assertThat(key.choices()).as("choices of key '%s', which must hold its default", key.name())
                        .contains(key.defaultValue());
            }
            assertThat(key.description()).as("description of key '%s'", key.name()).isNotBlank();
        }
    }
}
