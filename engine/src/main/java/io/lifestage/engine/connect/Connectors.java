package io.lifestage.engine.connect;

import io.lifestage.api.LifestageException;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The installed connector types: providers listed in {@code META-INF/services/io.lifestage.api.spi.ConnectorProvider}
 * on the engine's class path and in the plugins directory. Closing releases the plugins' class loaders.
 */
public final class Connectors implements AutoCloseable {

    /** The configuration key of the plugins directory; no directory when unset. */
    public static final String PLUGINS_DIR = "lifestage.plugins.dir";

    private static final Logger log = LoggerFactory.getLogger(Connectors.class);

    private final Map<String, InstalledConnector> byType = new TreeMap<>();
    private final List<URLClassLoader> pluginLoaders;

    private Connectors(List<InstalledConnector> installed, List<URLClassLoader> pluginLoaders, List<String> problems) {
        this.pluginLoaders = pluginLoaders;
        for (InstalledConnector connector : installed) {
            problems.addAll(connector.declarationProblems());
            InstalledConnector previous = byType.putIfAbsent(connector.type(), connector);
            if (previous != null) {
                problems.add("two connector plugins have the type '" + connector.type() + "': " + previous.describe()
                        + " and " + connector.describe() + "; remove one of them");
            }
        }
        if (!problems.isEmpty()) {
            close();
            throw new ConnectorConfigurationException("LS-PLUG-0100", "the connector plugins cannot be loaded",
                    problems);
        }
        byType.values().forEach(connector -> log.info("Connector type '{}' ({}) from {}", connector.type(),
                connector.roleList(), connector.origin()));
    }

    /** The providers the class loader's {@code META-INF/services} files list. */
    public static Connectors installed(ClassLoader classPath) {
        return load(classPath, null);
    }

    /**
     * The providers of the class path and of the plugins directory, each plugin of the directory in its own class
     * loader.
     *
     * @param pluginsDir the plugins directory, or null for none
     * @throws ConnectorConfigurationException listing every plugin that cannot be loaded and every type installed
     *                                         twice
     */
    public static Connectors load(ClassLoader classPath, Path pluginsDir) {
        List<InstalledConnector> installed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        discover(classPath, "the class path", Connectors::classPathOrigin, installed, problems);
        if (pluginsDir == null) {
            return new Connectors(installed, List.of(), problems);
        }
        PluginDirectory plugins = PluginDirectory.load(pluginsDir);
        installed.addAll(plugins.connectors());
        problems.addAll(plugins.problems());
        return new Connectors(installed, plugins.loaders(), problems);
    }

    /**
     * A new, unstarted source of an installed type, for a command or a test that starts it with a context of its own.
     *
     * @throws IllegalArgumentException naming the installed types when none has this type
     * @throws IllegalStateException    when the type has no source
     */
    public Source newSource(String type) {
        return require(type).newSource();
    }

    /**
     * A new, unstarted sink of an installed type, for a command or a test that starts it with a context of its own.
     *
     * @throws IllegalArgumentException naming the installed types when none has this type
     * @throws IllegalStateException    when the type has no sink
     */
    public Sink newSink(String type) {
        return require(type).newSink();
    }

    private InstalledConnector require(String type) {
        return find(type).orElseThrow(() -> new LifestageException(LifestageException.Kind.INVALID_CONFIGURATION,
                "LS-PLUG-0001", "no connector plugin of type '" + type + "' is installed (installed: " + typeList()
                + ")", null));
    }

    /** The installed connector of a type, if any. */
    public Optional<InstalledConnector> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** Every installed connector, by type. */
    public Collection<InstalledConnector> all() {
        return byType.values();
    }

    /** The installed types, comma-separated, or {@code none}. */
    String typeList() {
        return byType.isEmpty() ? "none" : String.join(", ", byType.keySet());
    }

    @Override
    public void close() {
        for (URLClassLoader loader : pluginLoaders) {
            try {
                loader.close();
            } catch (IOException e) {
                log.warn("Cannot close the class loader of plugin {}", loader.getName(), e);
            }
        }
    }

    /** Adds the providers {@code loader} lists to {@code installed}; what fails goes to {@code problems}. */
    static void discover(ClassLoader loader, String where, Function<ConnectorProvider, String> origin,
                         List<InstalledConnector> installed, List<String> problems) {
        Iterator<ConnectorProvider> providers = ServiceLoader.load(ConnectorProvider.class, loader).iterator();
        while (true) {
            try {
                if (!providers.hasNext()) {
                    return;
                }
                ConnectorProvider provider = providers.next();
                installed.add(new InstalledConnector(provider, origin.apply(provider), loader));
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                problems.add(where + ": cannot create a connector provider: " + causes(e));
                log.debug("Cannot create a connector provider from {}", where, e);
            }
        }
    }

    /**
     * A failure and its causes, each as type and message: the service loader's own words ({@code Provider … could
     * not be instantiated}) do not say what the provider's constructor threw.
     */
    static String causes(Throwable failure) {
        StringBuilder chain = new StringBuilder(String.valueOf(failure.getMessage()));
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            chain.append("; caused by ").append(cause);
        }
        return chain.toString();
    }

    private static String classPathOrigin(ConnectorProvider provider) {
        CodeSource code = provider.getClass().getProtectionDomain().getCodeSource();
        return code == null || code.getLocation() == null ? "the class path"
                : "the class path (" + code.getLocation().getPath() + ")";
    }
}
