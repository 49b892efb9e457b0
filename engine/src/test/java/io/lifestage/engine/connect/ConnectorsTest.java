package io.lifestage.engine.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifestage.api.Event;
import io.lifestage.api.spi.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connector types come from the class path and from the plugins directory, each plugin in its own class loader. */
class ConnectorsTest {

    private static final String NO_KEYS = "List.of()";

    @TempDir
    Path plugins;

    @TempDir
    Path work;

    @Test
    void twoPluginsUseTheirOwnVersionOfTheSameLibrarySideBySide() throws IOException {
        new PluginJar().withClass("shared.Greeting", greeting("v1"))
                .withSource("alpha", NO_KEYS, "shared.Greeting.version()")
                .writeTo(plugins.resolve("alpha.jar"), work);
        Path library = new PluginJar().withClass("shared.Greeting", greeting("v2"))
                .writeTo(plugins.resolve("beta/greeting-2.0.jar"), work);
        new PluginJar().compiledAgainst(library).withSource("beta", NO_KEYS, "shared.Greeting.version()")
                .writeTo(plugins.resolve("beta/beta.jar"), work);

        try (Connectors connectors = Connectors.load(getClass().getClassLoader(), plugins)) {
            assertThat(connectors.all()).extracting(InstalledConnector::type).containsExactly("alpha", "beta", "file");
            assertThat(answer(connectors, "alpha")).isEqualTo("v1");
            assertThat(answer(connectors, "beta")).isEqualTo("v2");
            assertThat(connectors.find("beta")).map(InstalledConnector::origin)
                    .contains(plugins.resolve("beta") + " (beta.jar, greeting-2.0.jar)");
        }
    }

    @Test
    void aPluginSeesTheApiAndTheJdkButNotTheEngineOrItsLibraries() throws IOException {
        new PluginJar().withClass("probe.Visible", """
                        package probe;
                        public final class Visible {
                            public static String of(String... names) {
                                StringBuilder seen = new StringBuilder();
                                for (String name : names) {
                                    try {
                                        Class.forName(name);
                                        seen.append(name).append(' ');
                                    } catch (ClassNotFoundException e) {
                                        // not visible
                                    }
                                }
                                return seen.toString().trim();
                            }
                        }
                        """)
                .withSource("probe", NO_KEYS, "probe.Visible.of(\"io.lifestage.api.spi.Sink\", \"java.sql.Connection\","
                        + " \"io.lifestage.engine.connect.Connectors\", \"org.slf4j.Logger\","
                        + " \"io.lifestage.plugin.file.FileConnectorProvider\")")
                .writeTo(plugins.resolve("probe.jar"), work);

        try (Connectors connectors = Connectors.load(getClass().getClassLoader(), plugins)) {
            assertThat(answer(connectors, "probe")).isEqualTo("io.lifestage.api.spi.Sink java.sql.Connection");
        }
    }

    @Test
    void aPluginStartsWithItsOwnClassLoaderAsTheContextClassLoader() throws IOException {
        new PluginJar().withSource("loader", NO_KEYS, "loaderAtStart == getClass().getClassLoader()")
                .writeTo(plugins.resolve("loader.jar"), work);

        try (Connectors connectors = Connectors.load(getClass().getClassLoader(), plugins)) {
            assertThat(answer(connectors, "loader")).isEqualTo("true");
        }
    }

    @Test
    void refusesAJarWithoutAServicesFileNamingIt() throws IOException {
        Path library = new PluginJar().withClass("shared.Greeting", greeting("v1"))
                .writeTo(plugins.resolve("greeting-1.0.jar"), work);

        assertThatThrownBy(() -> Connectors.load(getClass().getClassLoader(), plugins))
                .isInstanceOf(ConnectorConfigurationException.class)
                .hasMessage("LS-PLUG-0100 the connector plugins cannot be loaded, 1 problem:\n  " + library
                        + " is not a connector plugin: no jar of it has"
                        + " META-INF/services/io.lifestage.api.spi.ConnectorProvider; remove it, or put it beside the"
                        + " plugin jar that uses it in that plugin's sub-directory");
    }

    @Test
    void refusesTwoPluginsOfOneTypeNamingBothJars() throws IOException {
        Path first = new PluginJar().withSource("twin", NO_KEYS, "1").writeTo(plugins.resolve("twin-a.jar"), work);
        Path second = new PluginJar().withSource("twin", NO_KEYS, "2").writeTo(plugins.resolve("twin-b.jar"), work);
        Path shadow = new PluginJar().withSource("file", NO_KEYS, "3").writeTo(plugins.resolve("file.jar"), work);

        assertThatThrownBy(() -> Connectors.load(getClass().getClassLoader(), plugins))
                .isInstanceOf(ConnectorConfigurationException.class)
                .satisfies(e -> assertThat(((ConnectorConfigurationException) e).problems()).containsExactly(
                        "two connector plugins have the type 'file': io.lifestage.plugin.file.FileConnectorProvider"
                                + " from " + connectorsOnTheClassPath().find("file").orElseThrow().origin()
                                + " and test.file.Provider from " + shadow + "; remove one of them",
                        "two connector plugins have the type 'twin': test.twin.Provider from " + first
                                + " and test.twin.Provider from " + second + "; remove one of them"));
    }

    @Test
    void refusesAPluginWhoseProviderCannotBeCreatedNamingTheJarAndTheClass() throws IOException {
        Path broken = new PluginJar().withClass("shared.Greeting", greeting("v1")).naming("test.Missing")
                .writeTo(plugins.resolve("broken.jar"), work);

        assertThatThrownBy(() -> Connectors.load(getClass().getClassLoader(), plugins))
                .isInstanceOf(ConnectorConfigurationException.class)
                .hasMessageContaining(broken + ": cannot create a connector provider: ")
                .hasMessageContaining("test.Missing not found");
    }

    @Test
    void refusesAPluginWhoseProviderConstructorThrowsWithTheWholeCauseChain() throws IOException {
        Path broken = new PluginJar().withClass("test.crm.Provider", """
                        package test.crm;
                        public final class Provider implements io.lifestage.api.spi.ConnectorProvider {
                            public Provider() {
                                try {
                                    Integer.parseInt("ten");
                                } catch (NumberFormatException e) {
                                    throw new IllegalStateException("cannot read the default page size", e);
                                }
                            }
                            public String type() { return "crm"; }
                        }
                        """).naming("test.crm.Provider").writeTo(plugins.resolve("crm.jar"), work);

        assertThatThrownBy(() -> Connectors.load(getClass().getClassLoader(), plugins))
                .isInstanceOf(ConnectorConfigurationException.class)
                .hasMessageContaining(broken + ": cannot create a connector provider: ")
                .hasMessageContaining("test.crm.Provider could not be instantiated; caused by"
                        + " java.lang.IllegalStateException: cannot read the default page size; caused by"
                        + " java.lang.NumberFormatException: For input string: \"ten\"");
    }

    @Test
    void refusesAProviderWhoseKeysAreBadlyDeclaredNamingThePluginAndEveryKey() throws IOException {
        Path crm = new PluginJar().withSource("crm", """
                        List.of(ConfigKey.optional("page-size", ConfigKey.Type.INTEGER, "ten", "Contacts per page."),
                                ConfigKey.optional("page-size", ConfigKey.Type.INTEGER, "100", "Again."),
                                ConfigKey.required("apiToken", ConfigKey.Type.STRING, "The token."),
                                ConfigKey.optional("type", ConfigKey.Type.STRING, "contacts", "What to read."),
                                ConfigKey.optional("wait", ConfigKey.Type.DURATION, "soon", "Pause."))""", "1")
                .writeTo(plugins.resolve("crm.jar"), work);
        String where = "test.crm.Provider from " + crm + ", source key ";

        assertThatThrownBy(() -> Connectors.load(getClass().getClassLoader(), plugins))
                .isInstanceOf(ConnectorConfigurationException.class)
                .satisfies(e -> assertThat(((ConnectorConfigurationException) e).problems()).containsExactly(
                        where + "'page-size': its default 'ten' is not a whole number",
                        where + "'page-size': declared twice",
                        where + "'apiToken': a key is lower-case words joined by dashes, such as page-size",
                        where + "'type': the name is reserved: lifestage.source.<name>.type selects the connector"
                                + " type",
                        where + "'wait': its default 'soon' is not a duration (for example 500ms, 30s, 5m, 2h or"
                                + " PT30S)"));
    }

    @Test
    void tellsThePluginsVersionFromItsJar() throws IOException {
        new PluginJar().withSource("crm", NO_KEYS, "1")
                .withResource("META-INF/maven/com.example/crm/pom.properties", "groupId=com.example\nversion=2.4.1\n")
                .writeTo(plugins.resolve("crm.jar"), work);
        new PluginJar().withSource("bare", NO_KEYS, "1").writeTo(plugins.resolve("bare.jar"), work);

        try (Connectors connectors = Connectors.load(getClass().getClassLoader(), plugins)) {
            assertThat(connectors.find("crm").orElseThrow().version()).isEqualTo("2.4.1");
            assertThat(connectors.find("bare").orElseThrow().version()).isEqualTo(InstalledConnector.UNKNOWN_VERSION);
        }
    }

    @Test
    void refusesAPluginsDirectoryThatDoesNotExist() {
        Path missing = plugins.resolve("missing");

        assertThatThrownBy(() -> Connectors.load(getClass().getClassLoader(), missing))
                .hasMessageContaining("lifestage.plugins.dir: " + missing + " is not a directory");
    }

    @Test
    void refusesAPluginDirectoryWithoutJars() throws IOException {
        Files.createDirectories(plugins.resolve("empty"));

        assertThatThrownBy(() -> Connectors.load(getClass().getClassLoader(), plugins))
                .hasMessageContaining(plugins.resolve("empty") + " holds no jar");
    }

    @Test
    void findsClassPathConnectorsWithoutAPluginsDirectory() {
        try (Connectors connectors = connectorsOnTheClassPath()) {
            assertThat(connectors.find("file")).map(InstalledConnector::roles)
                    .contains(List.of(ConnectorRole.SOURCE, ConnectorRole.SINK));
            assertThat(connectors.find("file").orElseThrow().origin()).startsWith("the class path (").contains("file");
        }
    }

    private Connectors connectorsOnTheClassPath() {
        return Connectors.installed(getClass().getClassLoader());
    }

    private static String greeting(String version) {
        return "package shared; public final class Greeting { public static String version() { return \"" + version
                + "\"; } }";
    }

    /** Opens the type's source through the configuration path and returns the {@code answer} of its event. */
    private static String answer(Connectors connectors, String type) {
        InstalledConnector installed = connectors.find(type).orElseThrow();
        ConfiguredConnector configured = new ConfiguredConnector(type, ConnectorRole.SOURCE, installed, Map.of(),
                () -> null);
        try (Source source = configured.openSource(null, rejection -> { })) {
            return String.valueOf(((Event) source.poll().get(0)).properties().get("answer"));
        }
    }
}
