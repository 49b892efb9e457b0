package io.lifestage.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifestage.engine.config.LifestageConfig;
import io.smallrye.config.SmallRyeConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerSetupTest {

    private static final String TOKEN = "0123456789abcdef";

    @Test
    void servesOnPort8080WithDocumentedLimitsWhenOnlyAKeyIsSet() {
        ServerSetup settings = setup(Map.of());

        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.threads()).isEqualTo(256);
        assertThat(settings.metrics()).isEqualTo(ServerSetup.MetricsAccess.READ);
        assertThat(settings.maxRequestBytes()).isEqualTo(1_048_576);
        assertThat(settings.maxBatchSize()).isEqualTo(1_000);
        assertThat(settings.maxRequestsPerClient()).isEqualTo(128);
        assertThat(settings.keys().get("ingest").scopes()).isEqualTo(Set.of(ServerSetup.Scope.READ));
    }

    @Test
    void readsKeysScopesAndLimitsAsWritten() {
        ServerSetup settings = setup(Map.of("lifestage.server.port", " 0", "lifestage.server.metrics", "Public",
                "lifestage.server.key.ingest.scopes", "read, write", "lifestage.server.max-batch-size", "50"));

        assertThat(settings.port()).isZero();
        assertThat(settings.metrics()).isEqualTo(ServerSetup.MetricsAccess.PUBLIC);
        assertThat(settings.maxBatchSize()).isEqualTo(50);
        assertThat(settings.keys().get("ingest").scopes())
                .isEqualTo(Set.of(ServerSetup.Scope.READ, ServerSetup.Scope.WRITE));
    }

    @Test
    void servesWithoutKeysOnlyWhenAuthenticationIsOff() {
        assertThat(setup(Map.of("lifestage.server.auth", " NONE")).authenticates()).isFalse();
        assertThatThrownBy(() -> setup(Map.of("lifestage.server.keys", "")))
                .hasMessage("LS-SERVE-0001 lifestage.server.keys: no API key is configured, so nobody could call the"
                        + " API: set lifestage.server.keys=NAME, lifestage.server.key.NAME.token=SECRET and"
                        + " lifestage.server.key.NAME.scopes=read,write; or set lifestage.server.auth=none to serve"
                        + " without authentication");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            0002 | auth              | Maybe      | must be 'keys' or 'none', got 'maybe'
            0002 | port              | -1         | must be a non-negative whole number, got '-1'
            0002 | threads           | 0          | must be a positive whole number, got '0'
            0002 | max-request-bytes | 1MB        | must be a positive whole number, got '1MB'
            0002 | metrics           | all        | must be public, read or off, got 'all'
            0003 | key.ingest.token  | short      | must be at least 16 characters long (a random secret)
            0004 | key.ingest.scopes | read,erase | 'erase' is not a scope (read, write)
            """)
    void refusesAValueThatCannotWorkNamingTheKey(String code, String key, String value, String problem) {
        assertThatThrownBy(() -> setup(Map.of(ServerSettings.PREFIX + key, value)))
                .hasMessage("LS-SERVE-" + code + " " + ServerSettings.PREFIX + key + ": " + problem);
    }

    @Test
    void refusesAListedKeyWithoutATokenOrWithTheTokenOfAnother() {
        assertThatThrownBy(() -> setup(Map.of("lifestage.server.keys", "ingest,admin")))
                .hasMessage("LS-SERVE-0003 lifestage.server.key.admin.token: key 'admin' is listed in"
                        + " lifestage.server.keys but has no token");
        assertThatThrownBy(() -> setup(Map.of("lifestage.server.keys", "ingest,admin",
                "lifestage.server.key.admin.token", TOKEN)))
                .hasMessage("LS-SERVE-0003 lifestage.server.key.admin.token: the same token as another key");
    }

    private static ServerSetup setup(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of("lifestage.rules.dir", "pack",
                "lifestage.server.keys", "ingest", "lifestage.server.key.ingest.token", TOKEN));
        settings.putAll(overrides);
        SmallRyeConfig config = LifestageConfig.build(settings, null);
        return ServerSetup.of(LifestageConfig.mapping(config, ServerSettings.class), config);
    }
}
