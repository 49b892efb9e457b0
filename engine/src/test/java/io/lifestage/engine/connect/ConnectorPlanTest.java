package io.lifestage.engine.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lifestage.api.Event;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Rejection;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.config.LifestageConfig;
import io.lifestage.engine.config.RulesSettings;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * lifestage.sources, lifestage.sinks and their settings are checked against the keys the installed types declare,
 * all problems at once, without ever showing a secret value.
 */
class ConnectorPlanTest {

    private static final String REST_KEYS = """
            List.of(ConfigKey.required("url", ConfigKey.Type.URL, "Base URL of the API"),
                    ConfigKey.optional("timeout", ConfigKey.Type.DURATION, "30s", "How long to wait for an answer"),
                    ConfigKey.optional("ratio", ConfigKey.Type.DECIMAL, "0.5", "Share of records sampled"),
                    ConfigKey.optional("verbose", ConfigKey.Type.BOOLEAN, "false", "Log every request"),
                    ConfigKey.optional("page-size", ConfigKey.Type.INTEGER, "100", "Records per request")
                            .between(1, 1000),
                    ConfigKey.optional("spool", ConfigKey.Type.PATH, null, "Where to spool pages"),
                    ConfigKey.choice("mode", "How to read", "full", "incremental"),
                    ConfigKey.required("token", ConfigKey.Type.STRING, "Bearer token").asSecret(),
                    ConfigKey.optional("pin", ConfigKey.Type.INTEGER, null, "Second factor").asSecret())""";
    private static final String SECRET_TOKEN = "s3cr3t-token";
    private static final String SECRET_PIN = "hunter2";
    /** A valid secret pin: long enough that no temporary directory's random name in a message holds it. */
    private static final String VALID_PIN = "739104628";
    private static final String FROM_OVERRIDES = " (from PropertiesConfigSource[source=overrides]) ";

    @TempDir
    static Path plugins;

    private static Connectors connectors;

    @TempDir
    Path work;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeAll
    static void installARestPlugin(@TempDir Path classes) throws IOException {
        new PluginJar().withSource("rest", REST_KEYS,
                        "context.setting(\"url\").orElseThrow() + \" after \" + context.resumePosition().orElse(\"-\")")
                .writeTo(plugins.resolve("rest.jar"), classes);
        connectors = Connectors.load(ConnectorPlanTest.class.getClassLoader(), plugins);
    }

    @AfterAll
    static void closeThePlugins() {
        connectors.close();
    }

    @BeforeEach
    void captureTheLog() {
        logged.start();
        root().addAppender(logged);
    }

    @AfterEach
    void releaseTheLog() {
        root().detachAppender(logged);
    }

    @Test
    void listsEveryProblemInOneMessage() {
        Map<String, String> settings = new HashMap<>(Map.of(
                "lifestage.sources", "crm, web,crm, bad.name, files",
                "lifestage.source.crm.type", "rest",
                "lifestage.source.crm.url", "ftp://crm.example.com",
                "lifestage.source.crm.timeout", "soon",
                "lifestage.source.crm.ratio", "half",
                "lifestage.source.crm.verbose", "yes",
                "lifestage.source.crm.page-size", "ten",
                "lifestage.source.crm.spool", "a\u0000b",
                "lifestage.source.crm.mode", "all",
                "lifestage.source.crm.tokn", SECRET_TOKEN));
        settings.putAll(Map.of(
                "lifestage.source.web.type", "reest",
                "lifestage.sinks", "out",
                "lifestage.sink.out.type", "rest"));

        assertThatThrownBy(() -> plan(settings))
                .isInstanceOf(ConnectorConfigurationException.class)
                .hasMessageStartingWith("LS-CONF-0100 the connector configuration is invalid, 14 problems:\n  ")
                .satisfies(e -> assertThat(((ConnectorConfigurationException) e).problems()).containsExactly(
                        "lifestage.sources: 'crm' is listed twice; give each source its own name",
                        "lifestage.sources: 'bad.name' is not a valid connector name; use letters, digits, '-' and '_'",
                        "lifestage.source.crm.tokn: unknown key for a rest source; did you mean 'token'? (its keys:"
                                + " url, timeout, ratio, verbose, page-size, spool, mode, token, pin)",
                        "lifestage.source.crm.url = 'ftp://crm.example.com'" + FROM_OVERRIDES
                                + "is not an absolute http or https URL (for example https://api.example.com/v1)",
                        "lifestage.source.crm.timeout = 'soon'" + FROM_OVERRIDES
                                + "is not a duration (for example 500ms, 30s, 5m, 2h or PT30S)",
                        "lifestage.source.crm.ratio = 'half'" + FROM_OVERRIDES + "is not a number (for example 0.5)",
                        "lifestage.source.crm.verbose = 'yes'" + FROM_OVERRIDES + "is not true or false",
                        "lifestage.source.crm.page-size = 'ten'" + FROM_OVERRIDES + "is not a whole number",
                        "lifestage.source.crm.spool = 'a\u0000b'" + FROM_OVERRIDES + "is not a valid file system path",
                        "lifestage.source.crm.mode = 'all'" + FROM_OVERRIDES + "is not one of full, incremental",
                        "lifestage.source.crm.token: missing; a rest source needs it (Bearer token)",
                        "lifestage.source.web.type: no connector plugin of type 'reest' is installed; did you mean"
                                + " 'rest'? (installed: file, rest)",
                        "lifestage.source.files.type: missing; set it to one of the installed types: file, rest",
                        "lifestage.sink.out.type: connector type 'rest' has no sink (it offers: source); list 'out'"
                                + " under the key of that role instead of lifestage.sinks"))
                .hasMessageNotContaining(SECRET_TOKEN);
    }

    @Test
    void appliesTheDeclaredDefaults() {
        ConnectorPlan plan = plan(Map.of("lifestage.sources", "crm", "lifestage.source.crm.type", "rest",
                "lifestage.source.crm.url", "https://crm.example.com", "lifestage.source.crm.token", SECRET_TOKEN,
                "lifestage.source.crm.page-size", "50"));

        assertThat(plan.sinks()).isEmpty();
        assertThat(plan.sources()).singleElement().satisfies(crm -> {
            assertThat(crm.name()).isEqualTo("crm");
            assertThat(crm.role()).isEqualTo(ConnectorRole.SOURCE);
            assertThat(crm.installed().type()).isEqualTo("rest");
            assertThat(crm.settings()).containsExactly(entry("url", "https://crm.example.com"),
                    entry("timeout", "30s"), entry("ratio", "0.5"), entry("verbose", "false"),
                    entry("page-size", "50"), entry("mode", "full"), entry("token", SECRET_TOKEN));
        });
    }

    @Test
    void refusesAValueOutsideTheRangeOfItsKey() {
        Map<String, String> settings = new HashMap<>(Map.of("lifestage.sources", "crm",
                "lifestage.source.crm.type", "rest", "lifestage.source.crm.url", "https://crm.example.com",
                "lifestage.source.crm.token", SECRET_TOKEN, "lifestage.source.crm.page-size", "0"));

        assertThatThrownBy(() -> plan(settings)).isInstanceOfSatisfying(ConnectorConfigurationException.class,
                e -> assertThat(e.problems()).containsExactly(
                        "lifestage.source.crm.page-size = '0'" + FROM_OVERRIDES + "is not from 1 to 1000"));
        settings.put("lifestage.source.crm.page-size", "1000");
        assertThat(plan(settings).sources()).hasSize(1);
    }

    @Test
    void neverShowsSecretValuesInMessagesOrTheLog() {
        Map<String, String> settings = Map.of("lifestage.sources", "crm", "lifestage.source.crm.type", "rest",
                "lifestage.source.crm.url", "https://crm.example.com", "lifestage.source.crm.token", SECRET_TOKEN,
                "lifestage.source.crm.pin", SECRET_PIN);

        assertThatThrownBy(() -> plan(settings))
                .hasMessageContaining("lifestage.source.crm.pin = ****" + FROM_OVERRIDES + "is not a whole number")
                .hasMessageNotContaining(SECRET_PIN)
                .hasMessageNotContaining(SECRET_TOKEN);
        Map<String, String> valid = new HashMap<>(settings);
        valid.put("lifestage.source.crm.pin", VALID_PIN);
        ConfiguredConnector crm = plan(valid).sources().get(0);

        assertThat(crm.toString()).contains("token=****", "pin=****").doesNotContain(SECRET_TOKEN, VALID_PIN);
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).startsWith("Configured source 'crm' (rest from " + plugins))
                .noneSatisfy(line -> assertThat(line).containsAnyOf(SECRET_TOKEN, SECRET_PIN, VALID_PIN));
    }

    @Test
    void readsConnectorsFromEnvironmentVariables() {
        Config config = environment(Map.of("LIFESTAGE_SOURCES", "my-crm",
                "LIFESTAGE_SOURCE_MY_CRM_TYPE", "rest",
                "LIFESTAGE_SOURCE_MY_CRM_URL", "https://crm.example.com",
                "LIFESTAGE_SOURCE_MY_CRM_TOKEN", SECRET_TOKEN,
                "LIFESTAGE_SOURCE_MY_CRM_PAGE_SIZE", "50"));

        assertThat(ConnectorPlan.from(config, connectors, () -> null).sources()).singleElement().satisfies(crm -> {
            assertThat(crm.name()).isEqualTo("my-crm");
            assertThat(crm.settings()).contains(entry("url", "https://crm.example.com"), entry("page-size", "50"),
                    entry("token", SECRET_TOKEN));
        });
    }

    @Test
    void namesAnUnsetEnvironmentVariableInAValueAsUnsetRatherThanTheKeyAsMissing() {
        Map<String, String> settings = Map.of("lifestage.sources", "crm", "lifestage.source.crm.type", "rest",
                "lifestage.source.crm.url", "${CRM_URL_SET_NOWHERE:https://crm.example.com}",
                "lifestage.source.crm.token", "${CRM_TOKEN_SET_NOWHERE}");

        assertThatThrownBy(() -> plan(settings)).isInstanceOfSatisfying(ConnectorConfigurationException.class,
                e -> assertThat(e.problems()).containsExactly("lifestage.source.crm.token = '${CRM_TOKEN_SET_NOWHERE}'"
                        + " (from PropertiesConfigSource[source=overrides]): the environment variable"
                        + " CRM_TOKEN_SET_NOWHERE is not set (nor a property of that name); set it, or give a default"
                        + " after a colon: ${CRM_TOKEN_SET_NOWHERE:value}"));
    }

    @Test
    void namesAMisspeltEnvironmentVariableAndTheOneMeant() {
        Config config = environment(Map.of("LIFESTAGE_SOURCES", "crm",
                "LIFESTAGE_SOURCE_CRM_TYPE", "rest",
                "LIFESTAGE_SOURCE_CRM_URL", "https://crm.example.com",
                "LIFESTAGE_SOURCE_CRM_TOKEN", SECRET_TOKEN,
                "LIFESTAGE_SOURCE_CRM_PAGESIZE", "50"));

        assertThatThrownBy(() -> ConnectorPlan.from(config, connectors, () -> null))
                .hasMessageContaining("LIFESTAGE_SOURCE_CRM_PAGESIZE: unknown key for a rest source; did you mean"
                        + " 'LIFESTAGE_SOURCE_CRM_PAGE_SIZE'?");
    }

    @Test
    void warnsAboutSettingsOfAConnectorThatIsNotListed() {
        ConnectorPlan plan = plan(Map.of("lifestage.sink.archive.type", "file", "lifestage.sink.archive.path", "x"));

        assertThat(plan.sinks()).isEmpty();
        assertThat(logged.list).filteredOn(event -> event.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                        "Ignoring lifestage.sink.archive.path: it configures a sink that lifestage.sinks does not list",
                        "Ignoring lifestage.sink.archive.type: it configures a sink that lifestage.sinks does not"
                                + " list");
    }

    @Test
    void opensASourceAtTheResumePosition() {
        ConfiguredConnector crm = plan(Map.of("lifestage.sources", "crm", "lifestage.source.crm.type", "rest",
                "lifestage.source.crm.url", "https://crm.example.com", "lifestage.source.crm.token", SECRET_TOKEN))
                .sources().get(0);

        try (Source source = crm.openSource("41", rejection -> { })) {
            assertThat(source.poll()).singleElement().extracting(fact -> ((Event) fact)
                    .properties().get("answer")).isEqualTo("https://crm.example.com after 41");
        }
    }

    @Test
    void handsRejectedRecordsToTheCallerUnderTheConnectorsNameWithItsInputInThePosition() throws IOException {
        Path events = Files.writeString(work.resolve("events.jsonl"), "not json\n");
        ConfiguredConnector file = plan(Map.of("lifestage.sources", "events", "lifestage.source.events.type", "file",
                "lifestage.source.events.path", events.toString())).sources().get(0);
        List<Rejection> rejected = new ArrayList<>();

        try (Source source = file.openSource(null, rejected::add)) {
            assertThat(source.poll()).isEmpty();
        }

        assertThat(rejected).singleElement().satisfies(rejection -> {
            assertThat(rejection.source()).isEqualTo("events");
            assertThat(rejection.position()).isEqualTo(events + " line 1");
        });
    }

    @Test
    void namesTheConnectorInFrontOfTheFailureOfItsPlugin() {
        Path missing = work.resolve("missing.jsonl");
        ConfiguredConnector file = plan(Map.of("lifestage.sources", "events", "lifestage.source.events.type", "file",
                "lifestage.source.events.path", missing.toString())).sources().get(0);

        assertThatThrownBy(() -> file.openSource(null, rejection -> { }))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.retriable()).isFalse())
                .hasMessage("connector 'events': cannot read " + missing + ": no such file or directory");
    }

    @Test
    void opensASinkOnlyForAConnectorListedAsASink() throws IOException {
        Path output = work.resolve("decisions.csv");
        ConnectorPlan plan = plan(Map.of("lifestage.sinks", "out", "lifestage.sink.out.type", "file",
                "lifestage.sink.out.path", output.toString(), "lifestage.sink.out.format", "csv"));
        ConfiguredConnector out = plan.sinks().get(0);

        try (Sink sink = out.openSink(rejection -> { })) {
            sink.flush();
        }

        assertThat(Files.readString(output)).startsWith("customerId,stage,rule,reason,asOf,ruleBaseVersion");
        assertThatThrownBy(() -> out.openSource(null, rejection -> { })).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("sink 'out' (file from the class path").hasMessageEndingWith("is not a source");
    }

    @Test
    void aSinkSeesTheStagesOfTheRulePackInServiceInFunnelOrder() throws IOException {
        Path sinks = work.resolve("plugins");
        new PluginJar().withClass("test.crm.Provider", """
                        package test.crm;
                        import io.lifestage.api.spi.*;
                        import java.util.List;
                        import java.util.Optional;
                        public final class Provider implements ConnectorProvider {
                            public String type() { return "crm"; }
                            public Optional<ConnectorDescriptor<Sink>> sink() {
                                return Optional.of(new ConnectorDescriptor<>(List.of(), () -> new Sink() {
                                    private ConnectorContext context;
                                    public void start(ConnectorContext context) { this.context = context; }
                                    public void flush() {
                                        throw ConnectorException.fatal("stages " + context.stageModel()
                                                .map(model -> model.names() + ", back from loyalty to awareness: "
                                                        + model.isBackward("loyalty", "awareness")).orElse("none"));
                                    }
                                    public void close() { }
                                }));
                            }
                        }
                        """).naming("test.crm.Provider").writeTo(sinks.resolve("crm.jar"), work);

        try (LifestageContainer container = LifestageContainer.start(Map.of(RulesSettings.DIR, "../rules/pack",
                Connectors.PLUGINS_DIR, sinks.toString(), "lifestage.sinks", "contacts",
                "lifestage.sink.contacts.type", "crm"), null);
             Sink sink = container.connectors().sinks().get(0).openSink(rejection -> { })) {
            assertThatThrownBy(sink::flush).hasMessage("connector 'contacts': stages [awareness, consideration,"
                    + " conversion, retention, loyalty, churn], back from loyalty to awareness: true");
        }
    }

    @Test
    void theContainerServesTheCheckedPlanWithThePluginsOfTheConfiguredDirectory() {
        try (LifestageContainer container = LifestageContainer.start(Map.of(RulesSettings.DIR, "../rules/pack",
                Connectors.PLUGINS_DIR, plugins.toString(), "lifestage.sources", "crm",
                "lifestage.source.crm.type", "rest", "lifestage.source.crm.url", "https://crm.example.com",
                "lifestage.source.crm.token", SECRET_TOKEN), null)) {
            assertThat(container.connectors().sources()).extracting(ConfiguredConnector::name).containsExactly("crm");
        }
    }

    @Test
    void aBadConnectorSettingStopsTheContainerStart() {
        assertThatThrownBy(() -> LifestageContainer.start(Map.of(RulesSettings.DIR, "../rules/pack",
                "lifestage.sinks", "out", "lifestage.sink.out.type", "file"), null))
                .isInstanceOf(ConnectorConfigurationException.class)
                .hasMessageContaining("lifestage.sink.out.path: missing; a file sink needs it");
    }

    private static ConnectorPlan plan(Map<String, String> settings) {
        Map<String, String> withRules = new HashMap<>(settings);
        withRules.put(RulesSettings.DIR, "../rules/pack");
        return ConnectorPlan.from(LifestageConfig.build(withRules, null), connectors, () -> null);
    }

    private static Config environment(Map<String, String> variables) {
        return new SmallRyeConfigBuilder().withSources(new EnvConfigSource(variables, 300)).build();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
