package io.lifestage.server;

import com.sun.net.httpserver.HttpServer;
import io.lifestage.api.Lifestage;
import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.config.LifestageConfig;
import io.lifestage.engine.config.StoreSettings;
import io.lifestage.engine.host.HostProducer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigValue;
import org.glassfish.jersey.jdkhttp.JdkHttpHandlerContainer;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API, running: the engine's Weld container with the host service, and Jersey on the JDK HTTP server. The
 * resources are beans of that container ({@code @Singleton}, constructor injection), handed to Jersey as instances
 * rather than through a Jersey-CDI bridge, so one container owns every object. The rule pack is watched and reloaded
 * while serving unless {@code lifestage.rules.watch=false}.
 */
public final class LifestageServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LifestageServer.class);
    /** Connections the operating system queues for the server before it refuses more. */
    private static final int ACCEPT_BACKLOG = 1_024;

    /** The resources. */
    static final List<Class<?>> RESOURCES = List.of(IngestResource.class, ClassifyResource.class,
            CustomerResource.class, StageResource.class, KpiResource.class, RulesResource.class,
            OperationsResource.class);

    private static final String WATCH = "lifestage.rules.watch";
    /**
     * Jersey warns through java.util.logging that resources registered as instances "do not implement any provider
     * interface"; they are resources, not providers, and serve. Held here so the level is not lost to GC.
     */
    private static final java.util.logging.Logger PROVIDER_CHECK =
            java.util.logging.Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");

    /**
     * Settings of the JDK server, read once when the first server starts; one given with {@code -D} wins. It leaves
     * Nagle's algorithm on, so an answer written in two parts (headers, then body) waits for the client's delayed
     * acknowledgement: 40 ms per request on Linux. It keeps 200 idle connections: it closes any more once
     * their answer is sent, without saying so, and a client that reuses such a connection for a POST gets a reset.
     * And it has no time limit on reading a request or writing its answer: a request thread reads the headers, so
     * clients that send them a byte at a time would hold every thread for good. Seconds here.
     */
    private static final Map<String, String> JDK_SERVER_SETTINGS = Map.of(
            "sun.net.httpserver.nodelay", "true",
            "sun.net.httpserver.maxIdleConnections", String.valueOf(ACCEPT_BACKLOG),
            "sun.net.httpserver.maxReqTime", "10",
            "sun.net.httpserver.maxRspTime", "30");

    static {
        PROVIDER_CHECK.setLevel(java.util.logging.Level.SEVERE);
        JDK_SERVER_SETTINGS.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
    }
    /** The ordinal of the shipped defaults; a value below comes from a {@code @WithDefault}, not from the user. */
    private static final int DEFAULTS_ORDINAL = 100;

    private final LifestageContainer container;
    private final HttpServer server;
    private final ExecutorService threads;

    private LifestageServer(LifestageContainer container, HttpServer server, ExecutorService threads) {
        this.container = container;
        this.server = server;
        this.threads = threads;
    }

    /**
     * Starts the engine and the server, configured as {@link LifestageContainer#start} is.
     *
     * @throws io.lifestage.engine.config.InvalidConfigurationException when a {@code lifestage.server.*} value cannot
     *                                                                   work, or no API key is set while
     *                                                                   authentication is on
     */
    public static LifestageServer start(Map<String, String> overrides, Path configFile) {
        Map<String, String> settings = new HashMap<>(overrides);
        ConfigValue watch = LifestageConfig.build(overrides, configFile).getConfigValue(WATCH);
        if (watch.getValue() == null || watch.getSourceOrdinal() < DEFAULTS_ORDINAL) {
            settings.put(WATCH, "true");
        }
        List<Class<?>> beans = new java.util.ArrayList<>(RESOURCES);
        beans.addAll(List.of(HostProducer.class, ServerProducer.class, ServerMetrics.class));
        LifestageContainer container = LifestageContainer.start(settings, configFile, beans.toArray(Class<?>[]::new));
        try {
            ServerSettings server = container.bean(ServerSettings.class);
            ServerMetrics metrics = container.bean(ServerMetrics.class);
            StoreOutage outage = new StoreOutage();
            ResourceConfig application = new ResourceConfig()
                    .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                    .register(new AccessFilter(server))
                    .register(new RequestTiming(metrics, server.maxRequestBytes(), outage))
                    .register(new GzipRequests())
                    .register(new ErrorMapper(outage));
            RESOURCES.forEach(resource -> application.register(container.bean(resource)));
            HttpServer http;
            try {
                // A deep accept queue: a burst (or a pause, such as a rule reload) waits for a thread, not refused.
                http = HttpServer.create(new InetSocketAddress(server.host(), server.port()), ACCEPT_BACKLOG);
            } catch (IOException e) {
                throw new IllegalStateException("LS-SERVE-0005 cannot listen on " + server.host() + ":"
                        + server.port() + ": " + e.getMessage() + " (set --port or lifestage.server.port)", e);
            }
            http.createContext("/", ContainerFactory.createContainer(JdkHttpHandlerContainer.class, application))
                    .getFilters().add(new RequestsPerClient(server.maxRequestsPerClient()));
            AtomicInteger count = new AtomicInteger();
            ExecutorService threads = Executors.newFixedThreadPool(server.threads(), runnable -> {
                Thread thread = new Thread(runnable, "lifestage-http-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            http.setExecutor(threads);
            http.start();
            LifestageServer started = new LifestageServer(container, http, threads);
            log.info("Lifestage serving on {} (rule base {}, store {}, {})", started.uri(),
                    started.lifestage().rules().version(), container.bean(StoreSettings.class).url(),
                    server.authenticates() ? server.keys().size() + " API key(s)" : "no authentication");
            if (!server.authenticates()) {
                log.warn("{}=none: anyone who can reach {} can ingest, read and erase", ServerSettings.AUTH,
                        started.uri());
            }
            return started;
        } catch (RuntimeException e) {
            container.close();
            throw e;
        }
    }

    /** The base URI clients on this machine call, for example {@code http://localhost:8080/}. */
    public URI uri() {
        java.net.InetAddress address = server.getAddress().getAddress();
        String host = address.isAnyLocalAddress() ? "localhost" : server.getAddress().getHostString();
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /** The port listened on (the chosen one when the configured port is 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The host service the API serves. */
    public Lifestage lifestage() {
        return container.bean(Lifestage.class);
    }

    /** Stops accepting requests, lets those in progress finish (a few seconds at most), then stops the engine. */
    @Override
    public void close() {
        server.stop(2);
        threads.shutdown();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        container.close();
    }
}
