package io.lifestage.engine.connect;

import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorDescriptor;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A connector type that configuration can use: its provider, where it was loaded from (the class path or a jar of
 * the plugins directory), and the class loader its code runs with.
 *
 * @param provider the plugin's entry point
 * @param origin   where the provider was found, for messages: the jar or directory
 * @param loader   the class loader of the plugin, set as the thread's context class loader around plugin calls
 */
public record InstalledConnector(ConnectorProvider provider, String origin, ClassLoader loader) {

    /** The {@link #version()} of a plugin that does not say. */
    public static final String UNKNOWN_VERSION = "unknown";

    private static final Pattern LOWER_CASE_WORDS = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    /** The connector type, as {@code lifestage.source.<name>.type} names it. */
    public String type() {
        return provider.type();
    }

    /**
     * The plugin's version: the {@code Implementation-Version} of its jar's manifest, else the version of the Maven
     * {@code pom.properties} the jar holds; {@code unknown} for classes outside a jar or a jar with neither.
     */
    public String version() {
        Package pkg = provider.getClass().getPackage();
        if (pkg != null && pkg.getImplementationVersion() != null) {
            return pkg.getImplementationVersion();
        }
        CodeSource code = provider.getClass().getProtectionDomain().getCodeSource();
        if (code == null || code.getLocation() == null || !code.getLocation().getPath().endsWith(".jar")) {
            return UNKNOWN_VERSION;
        }
        try (JarFile jar = new JarFile(Path.of(code.getLocation().toURI()).toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                if (entry.getName().startsWith("META-INF/maven/") && entry.getName().endsWith("/pom.properties")) {
                    Properties pom = new Properties();
                    try (InputStream in = jar.getInputStream(entry)) {
                        pom.load(in);
                    }
                    return pom.getProperty("version", UNKNOWN_VERSION);
                }
            }
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            return UNKNOWN_VERSION;
        }
        return UNKNOWN_VERSION;
    }

    /** The roles the type can play. */
    public List<ConnectorRole> roles() {
        List<ConnectorRole> roles = new ArrayList<>(2);
        for (ConnectorRole role : ConnectorRole.values()) {
            if (plays(role)) {
                roles.add(role);
            }
        }
        return roles;
    }

    /** Whether the type offers a source ({@link ConnectorRole#SOURCE}) or a sink ({@link ConnectorRole#SINK}). */
    public boolean plays(ConnectorRole role) {
        return role.descriptor(provider).isPresent();
    }

    /** The keys the type declares for a role; none when it does not play the role. */
    public List<ConfigKey> keys(ConnectorRole role) {
        return call(() -> role.descriptor(provider).map(ConnectorDescriptor::keys).orElse(List.of()));
    }

    /**
     * What is wrong with the keys the provider declares, each problem naming the provider, its jar, the role and the
     * key: a name that is not lower-case words joined by dashes or is {@code type} (which selects the connector
     * type), a key declared twice, a default that does not fit its key (an INTEGER default {@code ten}).
     */
    List<String> declarationProblems() {
        List<String> problems = new ArrayList<>();
        for (ConnectorRole role : ConnectorRole.values()) {
            List<ConfigKey> keys;
            try {
                keys = keys(role);
            } catch (RuntimeException | LinkageError e) {
                problems.add(describe() + ": cannot declare its " + role.word() + " keys: " + Connectors.causes(e));
                continue;
            }
            Set<String> names = new HashSet<>();
            for (ConfigKey key : keys) {
                String where = describe() + ", " + role.word() + " key '" + key.name() + "': ";
                if (!LOWER_CASE_WORDS.matcher(key.name()).matches()) {
                    problems.add(where + "a key is lower-case words joined by dashes, such as page-size");
                } else if (key.name().equals("type")) {
                    problems.add(where + "the name is reserved: " + role.prefix("<name>") + "type selects the"
                            + " connector type");
                }
                if (!names.add(key.name())) {
                    problems.add(where + "declared twice");
                }
                if (key.defaultValue() != null) {
                    ValueCheck.problem(key, key.defaultValue()).ifPresent(problem -> problems.add(where
                            + "its default '" + key.defaultValue() + "' " + problem));
                }
            }
        }
        return problems;
    }

    /**
     * A new, unstarted source of this type, whose failures name it ({@code connector '<name>': …}) once started.
     *
     * @throws IllegalStateException when the type has no source
     */
    Source newSource() {
        return Named.source(provider.source().orElseThrow(() -> noRole(ConnectorRole.SOURCE)).newInstance());
    }

    /**
     * A new, unstarted sink of this type, whose failures name it ({@code connector '<name>': …}) once started.
     *
     * @throws IllegalStateException when the type has no sink
     */
    Sink newSink() {
        return Named.sink(provider.sink().orElseThrow(() -> noRole(ConnectorRole.SINK)).newInstance());
    }

    private IllegalStateException noRole(ConnectorRole role) {
        return new IllegalStateException("connector type '" + type() + "' has no " + role.word()
                + " (it offers: " + roleList() + ")");
    }

    /** {@code source, sink}. */
    String roleList() {
        return roles().stream().map(ConnectorRole::word).collect(Collectors.joining(", "));
    }

    /** {@code com.example.JdbcProvider from /opt/lifestage/plugins/jdbc.jar}. */
    String describe() {
        return provider.getClass().getName() + " from " + origin;
    }

    /** Runs plugin code with the plugin's class loader as the context class loader, as libraries expect. */
    <T> T call(Supplier<T> action) {
        return withContextLoader(loader, action);
    }

    static <T> T withContextLoader(ClassLoader loader, Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
