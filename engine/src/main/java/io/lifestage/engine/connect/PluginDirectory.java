package io.lifestage.engine.connect;

import io.lifestage.api.spi.ConnectorProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins directory ({@code lifestage.plugins.dir}): each jar directly in it is one plugin, each sub-directory
 * one plugin made of all the jars in it. Every plugin gets its own class loader whose parent sees only the JDK and
 * the engine's API, so plugins can bundle different versions of one library side by side.
 */
final class PluginDirectory {

    static final String SERVICES_FILE = "META-INF/services/" + ConnectorProvider.class.getName();

    private static final Logger log = LoggerFactory.getLogger(PluginDirectory.class);

    private final ClassLoader parent = new ApiOnlyClassLoader(ConnectorProvider.class.getClassLoader());
    private final List<InstalledConnector> connectors = new ArrayList<>();
    private final List<URLClassLoader> loaders = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private PluginDirectory() {
    }

    /** Loads every plugin of the directory; what cannot be loaded is listed in {@link #problems()}. */
    static PluginDirectory load(Path dir) {
        PluginDirectory plugins = new PluginDirectory();
        if (!Files.isDirectory(dir)) {
            plugins.problems.add(Connectors.PLUGINS_DIR + ": " + dir.toAbsolutePath()
                    + " is not a directory; create it or point the key at the plugins directory");
            return plugins;
        }
        for (Path entry : entries(dir, plugins.problems)) {
            if (Files.isDirectory(entry)) {
                plugins.load(entry, entries(entry, plugins.problems).stream().filter(PluginDirectory::isJar).toList());
            } else if (isJar(entry)) {
                plugins.load(entry, List.of(entry));
            } else {
                log.warn("Ignoring {} in the plugins directory: only jars and directories of jars are plugins", entry);
            }
        }
        return plugins;
    }

    List<InstalledConnector> connectors() {
        return connectors;
    }

    /** The class loaders opened, to be closed with the engine. */
    List<URLClassLoader> loaders() {
        return loaders;
    }

    List<String> problems() {
        return problems;
    }

    private void load(Path plugin, List<Path> jars) {
        if (jars.isEmpty()) {
            problems.add(plugin + " holds no jar: a plugin directory holds the plugin's jar and the libraries it uses");
            return;
        }
        URLClassLoader loader = new URLClassLoader("lifestage-plugin-" + plugin.getFileName(), urls(jars), parent);
        loaders.add(loader);
        String origin = jars.size() == 1 && jars.get(0).equals(plugin) ? plugin.toString()
                : plugin + " (" + jars.stream().map(jar -> jar.getFileName().toString())
                        .collect(Collectors.joining(", ")) + ")";
        if (loader.findResource(SERVICES_FILE) == null) {
            problems.add(origin + " is not a connector plugin: no jar of it has " + SERVICES_FILE
                    + "; remove it, or put it beside the plugin jar that uses it in that plugin's sub-directory");
            return;
        }
        int connectorsBefore = connectors.size();
        int problemsBefore = problems.size();
        InstalledConnector.withContextLoader(loader, () -> {
            Connectors.discover(loader, origin, provider -> origin, connectors, problems);
            return null;
        });
        if (connectors.size() == connectorsBefore && problems.size() == problemsBefore) {
            problems.add(origin + ": " + SERVICES_FILE + " names no connector provider");
        }
    }

    private static List<Path> entries(Path dir, List<String> problems) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(entry -> !entry.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            problems.add("cannot list the plugins directory " + dir + ": " + e);
            return List.of();
        }
    }

    private static boolean isJar(Path file) {
        return Files.isRegularFile(file) && file.getFileName().toString().endsWith(".jar");
    }

    private static URL[] urls(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new UncheckedIOException("cannot address plugin jar " + jars.get(i), e);
            }
        }
        return urls;
    }
}
