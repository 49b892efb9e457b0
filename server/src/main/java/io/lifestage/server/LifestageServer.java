package io.lifestage.server;

import com.sun.net.httpserver.HttpServer;
import io.lifestage.api.Lifestage;
import io.lifestage.api.LifestageException;
import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.config.LifestageConfig;
import io.lifestage.engine.config.StoreSettings;
import io.lifestage.engine.host.HostProducer;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.http.spi.JettyHttpServer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.microprofile.config.ConfigValue;
import org.glassfish.jersey.jdkhttp.JdkHttpHandlerContainer;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API, running: the engine's Weld container with the host service, and Jersey on Jetty. Jetty serves the
 * JDK's {@code com.sun.net.httpserver} API that Jersey's container and the filters are written against; it replaced
 * the JDK's own server, which answers a request it cannot parse ({@code GET /v1/customers/%ZZ}) with an HTML page
 * before any handler or filter sees it, where Jetty hands it to an error handler ({@link JsonErrorPages}). The
 * resources are beans of that container ({@code @Singleton}, constructor injection), handed to Jersey as instances
 * rather than through a Jersey-CDI bridge, so one container owns every object. The rule pack is watched and reloaded
 * while serving unless {@code lifestage.rules.watch=false}.
 */
public final class LifestageServer implements AutoCloseable {

    /** The setting of the port to listen on ({@code lifestage.server.port}), for a command's {@code --port}. */
    public static final String PORT = ServerSettings.PORT;

    private static final Logger log = LoggerFactory.getLogger(LifestageServer.class);
    /** Connections the operating system queues for the server before it refuses more. */
    private static final int ACCEPT_BACKLOG = 1_024;
    /** Seconds a request's headers may take to arrive. */
    static final int HEADERS_SECONDS = 10;
    /** Seconds a kept-alive connection may stay idle. */
    static final int IDLE_SECONDS = 30;
    /** The slowest a body may be sent or an answer read, once under way. */
    private static final long MIN_BYTES_PER_SECOND = 256;

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

    static {
        PROVIDER_CHECK.setLevel(java.util.logging.Level.SEVERE);
    }

    /** The ordinal of the shipped defaults; a value below comes from a {@code @WithDefault}, not from the user. */
    private static final int DEFAULTS_ORDINAL = 100;

    private final LifestageContainer container;
    private final Server jetty;

    private LifestageServer(LifestageContainer container, Server jetty) {
        this.container = container;
        this.jetty = jetty;
    }

    /**
     * Jetty, configured for what the JDK server needed properties for: Nagle off (Jetty's default), a deep accept
     * queue (a burst, or a pause such as a rule reload, waits instead of being refused), idle connections
     * closed after {@value #IDLE_SECONDS} s. Requests whose headers take longer than {@value #HEADERS_SECONDS} s are
     * cut off by {@link SlowRequests}; a body or an answer that moves slower than a trickle likewise. Jetty reads
     * headers without a thread, so slow clients hold a connection each, not a request thread.
     */
    private static Server jetty(ServerSetup settings) {
        QueuedThreadPool threads = new QueuedThreadPool(settings.threads(), Math.min(8, settings.threads())) {
            @Override
            protected void onJobFailure(Throwable failure) {
                // Jetty logs a failed job and goes on, also after an OutOfMemoryError in its selector or acceptor.
                if (FatalErrors.isFatal(failure)) {
                    FatalErrors.escalate(failure);
                }
                super.onJobFailure(failure);
            }
        };
        threads.setName("lifestage-http");
        threads.setDaemon(true);
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setMinRequestDataRate(MIN_BYTES_PER_SECOND);
        http.setMinResponseDataRate(MIN_BYTES_PER_SECOND);
        // A customer id may hold '/', '%' or be '..': encoded in a path they are one segment to Jersey, as they were
        // with the JDK server; Jetty refuses them by default, for servlet path security that does not apply here.
        http.setUriCompliance(UriCompliance.DEFAULT.with("lifestage",
                UriCompliance.AMBIGUOUS_VIOLATIONS.toArray(UriCompliance.Violation[]::new)));
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        connector.setAcceptQueueSize(ACCEPT_BACKLOG);
        connector.setIdleTimeout(TimeUnit.SECONDS.toMillis(IDLE_SECONDS));
        SlowRequests slow = new SlowRequests(Duration.ofSeconds(HEADERS_SECONDS));
        jetty.addBean(slow);
        connector.addEventListener(slow);
        jetty.addConnector(connector);
        jetty.setHandler(new GracefulHandler(new ContextHandlerCollection()));
        jetty.setErrorHandler(new JsonErrorPages());
        jetty.setStopTimeout(TimeUnit.SECONDS.toMillis(2));
        return jetty;
    }

    private static void stopQuietly(Server jetty) {
        try {
            jetty.stop();
        } catch (Exception e) {
            log.warn("Stopping the HTTP server failed: {}", e.toString());
        }
    }

    private ServerConnector connector() {
        return (ServerConnector) jetty.getConnectors()[0];
    }

    /**
     * Serves until the process is stopped: Ctrl-C or SIGTERM let the requests in progress finish, then close the
     * engine; an OutOfMemoryError in any thread stops the process at once (exit status 70) for a supervisor to
     * restart. Prints one line with the address once serving.
     *
     * @throws RuntimeException as {@link #start} does when the server cannot start
     */
    public static void serveUntilStopped(Map<String, String> overrides, Path configFile, PrintWriter out)
            throws InterruptedException {
        FatalErrors.stopTheProcessOnOne();
        // The hook below stops the server, then the engine; Weld's own hook would destroy the beans at the same
        // time, under the requests still being answered (the stage store leaves H2's hook off itself).
        System.setProperty("org.jboss.weld.se.shutdownHook", "false");
        LifestageServer server = start(overrides, configFile);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "lifestage-serve-stop"));
        out.printf("Lifestage serving on %s (rule base %s); Ctrl-C stops%nRule pack %s%n", server.uri(),
                server.lifestage().rules().version(), server.container.rulesOrigin());
        out.flush();
        stopped.await();
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
        beans.addAll(List.of(HostProducer.class, ServerProducer.class, ServerMetrics.class, CustomerValues.class));
        LifestageContainer container = LifestageContainer.start(settings, configFile, beans.toArray(Class<?>[]::new));
        try {
            ServerSetup server = container.bean(ServerSetup.class);
            ServerMetrics metrics = container.bean(ServerMetrics.class);
            StoreOutage outage = new StoreOutage();
            ResourceConfig application = new ResourceConfig()
                    .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                    .register(new AccessFilter(server))
                    .register(new RequestTiming(metrics, server.maxRequestBytes(), outage))
                    .register(new GzipRequests())
                    .register(new ErrorMapper(outage));
            RESOURCES.forEach(resource -> application.register(container.bean(resource)));
            Server jetty = jetty(server);
            HttpServer http = new JettyHttpServer(jetty, true);
            http.createContext("/", ContainerFactory.createContainer(JdkHttpHandlerContainer.class, application))
                    .getFilters().addAll(List.of(new RequestsPerClient(server.maxRequestsPerClient()),
                            OriginFormExchange.FILTER));
            try {
                jetty.start();
            } catch (Exception e) {
                stopQuietly(jetty);
                throw new LifestageException("LS-SERVE-0005", "cannot listen on " + server.host() + ":"
                        + server.port() + ": " + e.getMessage() + " (set --port or lifestage.server.port)", e);
            }
            LifestageServer started = new LifestageServer(container, jetty);
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
        String host = connector().getHost();
        boolean any = host == null || host.equals("0.0.0.0") || host.equals("::");
        return URI.create("http://" + (any ? "localhost" : host) + ":" + port() + "/");
    }

    /** The port listened on (the chosen one when the configured port is 0). */
    public int port() {
        return connector().getLocalPort();
    }

    /** The host service the API serves. */
    public Lifestage lifestage() {
        return container.bean(Lifestage.class);
    }

    /** Stops accepting requests, lets those in progress finish (a few seconds at most), then stops the engine. */
    @Override
    public void close() {
        stopQuietly(jetty);
        container.close();
    }
}
