package io.lifestage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorDescriptor;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ConnectorProvider} owes the engine, as tests a connector's provider test inherits: the service
 * loader finds it under its type, its type and keys are well formed, each descriptor makes a new instance per call, a
 * connector started without its required keys fails for good naming one, exactly the keys its test names
 * {@link SecretKeys} are marked secret, and the module's README documents every key. Each check is a protected
 * {@code @Test} method: a provider that cannot meet one yet overrides it with {@code @Test @Disabled("why")}, so that
 * the gap shows in every test report.
 *
 * <pre>{@code
 * class FileConnectorProviderTest extends ProviderContract {
 *     protected ConnectorProvider provider() {
 *         return new FileConnectorProvider();
 *     }
 * }
 * }</pre>
 */
public abstract class ProviderContract {

    /** The provider under test. */
    protected abstract ConnectorProvider provider();

    /**
     * The file that documents the connector's settings, each key as the first cell of a table row:
     * {@code | `batch-size` | 1000 | Most facts returned per poll. |}. By default {@code README.md} in the directory
     * the tests run in, which Maven makes the module's.
     */
    protected Path readme() {
        return Path.of("README.md");
    }

    /** The keys of the source and of the sink, for a provider test's own checks; a key of both roles comes twice. */
    protected final Stream<ConfigKey> keys() {
        ConnectorProvider provider = provider();
        return Stream.of(provider.source(), provider.sink()).flatMap(Optional::stream)
                .flatMap(descriptor -> descriptor.keys().stream());
    }

    @Test
    protected void isFoundByTheServiceLoaderUnderItsType() throws Exception {
        ConnectorProvider provider = provider();
        List<ConnectorProvider> found = ServiceLoader.load(ConnectorProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(candidate -> candidate.type().equals(provider.type()))
                .toList();

        assertThat(found).as("providers of type '%s' listed in META-INF/services/%s", provider.type(),
                ConnectorProvider.class.getName()).singleElement().isInstanceOf(provider.getClass());
        assertThat(instanceClass(found.get(0).source())).as("class of the found provider's source")
                .isEqualTo(instanceClass(provider.source()));
        assertThat(instanceClass(found.get(0).sink())).as("class of the found provider's sink")
                .isEqualTo(instanceClass(provider.sink()));
    }

    @Test
    protected void declaresASourceOrASinkWithWellFormedKeys() {
        ConnectorProvider provider = provider();
        assertThat(provider.source().isPresent() || provider.sink().isPresent())
                .as("connector type '%s' offers a source or a sink", provider.type()).isTrue();
        provider.source().ifPresent(source -> DeclaredKeys.check(provider.type(), source.keys()));
        provider.sink().ifPresent(sink -> DeclaredKeys.check(provider.type(), sink.keys()));
    }

    @Test
    protected void marksExactlyItsSecretKeysAsSecret() {
        assertThat(keys().filter(ConfigKey::secret).map(ConfigKey::name).distinct())
                .as("the keys marked secret; name them with @SecretKeys on the test class")
                .containsExactlyInAnyOrder(Optional.ofNullable(getClass().getAnnotation(SecretKeys.class))
                        .map(SecretKeys::value).orElse(new String[0]));
    }

    @Test
    protected void makesANewInstanceOnEachCall() throws Exception {
        ConnectorProvider provider = provider();
        for (ConnectorDescriptor<?> descriptor : Stream.of(provider.source(), provider.sink())
                .flatMap(Optional::stream).toList()) {
            try (AutoCloseable first = descriptor.newInstance(); AutoCloseable second = descriptor.newInstance()) {
                assertThat(second).as("a second instance of connector type '%s'", provider.type()).isNotSameAs(first);
            }
        }
    }

    /** {@link SourceContract} checks each required key of a source alone, with settings that otherwise work. */
    @Test
    protected void refusesToStartWithoutItsRequiredKeysNamingOne() {
        ConnectorProvider provider = provider();
        boolean sourceChecked = refusedWithoutRequiredKeys("source", provider.source(),
                () -> TestContext.forSource(provider).build(), Source::start);
        boolean sinkChecked = refusedWithoutRequiredKeys("sink", provider.sink(),
                () -> TestContext.forSink(provider).build(), Sink::start);
        assumeTrue(sourceChecked || sinkChecked, "the provider declares no required key");
    }

    @Test
    protected void documentsEveryKeyInTheReadme() throws IOException {
        Path readme = readme();
        assertThat(readme).as("the README that documents the settings; override readme() for another file")
                .isRegularFile();
        String text = Files.readString(readme);

        assertThat(keys().map(ConfigKey::name).distinct()).allSatisfy(key -> assertThat(text)
                .as("a table row of key '%s' in %s", key, readme).contains("| `" + key + "` |"));
    }

    private static Optional<Class<?>> instanceClass(Optional<? extends ConnectorDescriptor<?>> role) throws Exception {
        if (role.isEmpty()) {
            return Optional.empty();
        }
        try (AutoCloseable instance = role.get().newInstance()) {
            return Optional.of(instance.getClass());
        }
    }

    /** Whether the role declares required keys; if so, asserts that starting it with none of them set fails. */
    private static <T extends AutoCloseable> boolean refusedWithoutRequiredKeys(String role,
            Optional<ConnectorDescriptor<T>> descriptor, Supplier<TestContext> defaultsOnly,
            BiConsumer<T, ConnectorContext> start) {
        List<String> required = descriptor.stream().flatMap(declared -> declared.keys().stream())
                .filter(ConfigKey::required).map(ConfigKey::name).toList();
        if (required.isEmpty()) {
            return false;
        }
        TestContext context = defaultsOnly.get();
        assertThatThrownBy(() -> {
            try (T connector = descriptor.orElseThrow().newInstance()) {
                start.accept(connector, context);
            }
        }).as("start of a %s without its required keys %s", role, required)
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.retriable()).as("retriable()").isFalse())
                .message().containsAnyOf(required.toArray(String[]::new));
        return true;
    }
}
