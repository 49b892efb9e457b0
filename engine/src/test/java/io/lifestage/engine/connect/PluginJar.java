package io.lifestage.engine.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.spi.ConnectorProvider;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * A plugin jar built at test time: Java sources compiled against the engine's API with the system compiler, written
 * with a {@code META-INF/services} file naming its providers (or none, for a jar that is not a plugin).
 */
final class PluginJar {

    private final List<JavaFileObject> sources = new ArrayList<>();
    private final List<String> providers = new ArrayList<>();
    private final Map<String, String> resources = new LinkedHashMap<>();
    private final List<Path> classPath = new ArrayList<>(List.of(apiLocation()));

    /** Compiles against a library jar that the plugin does not bundle but finds beside it. */
    PluginJar compiledAgainst(Path library) {
        classPath.add(library);
        return this;
    }

    /** Adds a class of the plugin, or of a library it bundles. */
    PluginJar withClass(String className, String source) {
        sources.add(new SimpleJavaFileObject(URI.create("string:///" + className.replace('.', '/') + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        });
        return this;
    }

    /**
     * Adds a provider of a source connector type {@code type}, declaring {@code keys} (a Java expression of
     * {@code List<ConfigKey>}). Its source returns one event of customer {@code u1} named after the type, whose
     * property {@code answer} is {@code answer}: a Java expression that can read {@code context} and
     * {@code loaderAtStart}, the context class loader during {@code start}.
     */
    PluginJar withSource(String type, String keys, String answer) {
        String pkg = "test." + type.replace('-', '_');
        String className = pkg + ".Provider";
        providers.add(className);
        return withClass(className, """
                package %s;

                import io.lifestage.api.Event;
                import io.lifestage.api.Fact;
                import io.lifestage.api.spi.*;
                import java.time.Instant;
                import java.util.List;
                import java.util.Map;
                import java.util.Optional;

                public final class Provider implements ConnectorProvider {
                    public String type() { return "%s"; }
                    public Optional<ConnectorDescriptor<Source>> source() {
                        return Optional.of(new ConnectorDescriptor<>(%s, this::newSource));
                    }
                    private Source newSource() {
                        return new Source() {
                            private ConnectorContext context;
                            private ClassLoader loaderAtStart;
                            private boolean done;
                            public void start(ConnectorContext context) {
                                this.context = context;
                                this.loaderAtStart = Thread.currentThread().getContextClassLoader();
                            }
                            public List<Fact> poll() {
                                if (done) {
                                    return List.of();
                                }
                                done = true;
                                return List.of(Event.track("u1", type(), Instant.EPOCH,
                                        Map.of("answer", String.valueOf(%s))));
                            }
                            public String position() { return done ? "1" : ""; }
                            public void close() { }
                        };
                    }
                }
                """.formatted(pkg, type, keys, answer));
    }

    /** Adds a file, such as {@code META-INF/maven/com.example/crm/pom.properties}. */
    PluginJar withResource(String name, String content) {
        resources.put(name, content);
        return this;
    }

    /** Names a provider class in the services file without adding its source, as a broken plugin would. */
    PluginJar naming(String providerClass) {
        providers.add(providerClass);
        return this;
    }

    /** Compiles the sources and writes the jar; {@code work} holds the class files. */
    Path writeTo(Path jar, Path work) throws IOException {
        Path classes = Files.createTempDirectory(work, "classes");
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean compiled = compiler.getTask(diagnostics, null, null,
                List.of("-d", classes.toString(), "-classpath", classPath.stream().map(Path::toString)
                        .collect(Collectors.joining(File.pathSeparator)), "--release", "17"),
                null, sources).call();
        assertThat(compiled).as(diagnostics.toString()).isTrue();
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                write(out, classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
            for (Map.Entry<String, String> resource : resources.entrySet()) {
                write(out, resource.getKey(), resource.getValue().getBytes(StandardCharsets.UTF_8));
            }
            if (!providers.isEmpty()) {
                write(out, PluginDirectory.SERVICES_FILE,
                        (String.join("\n", providers) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }

    private static void write(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    private static Path apiLocation() {
        try {
            return Path.of(ConnectorProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
