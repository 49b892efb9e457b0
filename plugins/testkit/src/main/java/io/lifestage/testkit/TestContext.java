package io.lifestage.testkit;

import io.lifestage.api.StageModel;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorDescriptor;
import io.lifestage.api.spi.ConnectorProvider;
import io.lifestage.api.spi.Rejection;
import io.lifestage.api.spi.Sink;
import io.lifestage.api.spi.Source;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@link ConnectorContext} for tests, built from the keys a provider declares: declared defaults are filled in,
 * a setting of an undeclared key is refused as the engine would refuse it, a read of an undeclared key fails (the
 * engine hands a connector only its declared keys, so such a read could never see a value), and rejects and log
 * messages are kept for the test to read.
 *
 * <pre>{@code
 * TestContext context = TestContext.forSource(new FileConnectorProvider())
 *         .with("path", file.toString())
 *         .resumingAt(position)
 *         .build();
 * }</pre>
 *
 * <p>Unlike the engine, the context does not insist on required keys, so that a test can see how a connector
 * handles their absence, and it does not check value types.
 */
public final class TestContext implements ConnectorContext {

    private final String type;
    private final String name;
    private final String kind;
    private final Set<String> declared;
    private final Map<String, String> settings;
    private final String resumePosition;
    private final List<Rejection> rejects = Collections.synchronizedList(new ArrayList<>());
    private final List<String> logged = Collections.synchronizedList(new ArrayList<>());
    private final System.Logger logger;
    private final StageModel stageModel;
    private final ConnectorDescriptor<?> descriptor;

    private TestContext(Builder builder, Map<String, String> settings) {
        this.type = builder.type;
        this.name = builder.name;
        this.kind = builder.kind();
        this.declared = Set.copyOf(builder.declared.keySet());
        this.settings = Map.copyOf(settings);
        this.resumePosition = builder.resumePosition;
        this.stageModel = builder.stageModel;
        this.descriptor = builder.descriptor;
        this.logger = new RecordingLogger(System.getLogger("io.lifestage.connector." + name));
    }

    /**
     * A context for the source of this provider, checked against the keys of its {@link ConnectorProvider#source()}.
     *
     * @throws IllegalArgumentException when the provider has no source
     */
    public static Builder forSource(ConnectorProvider provider) {
        return new Builder(provider.type(), role(provider.source(), provider, "source"), true);
    }

    /**
     * A context for the sink of this provider, checked against the keys of its {@link ConnectorProvider#sink()}.
     *
     * @throws IllegalArgumentException when the provider has no sink
     */
    public static Builder forSink(ConnectorProvider provider) {
        return new Builder(provider.type(), role(provider.sink(), provider, "sink"), false);
    }

    private static ConnectorDescriptor<?> role(Optional<? extends ConnectorDescriptor<?>> role,
                                               ConnectorProvider provider, String word) {
        return role.orElseThrow(() -> new IllegalArgumentException("connector type '" + provider.type()
                + "' has no " + word));
    }

    /**
     * A new source of the provider this context was built for, started with this context; the caller closes it.
     *
     * @throws IllegalStateException when the context was built for a sink
     */
    public Source startedSource() {
        Source source = instance(Source.class);
        source.start(this);
        return source;
    }

    /**
     * A new sink of the provider this context was built for, started with this context; the caller closes it.
     *
     * @throws IllegalStateException when the context was built for a source
     */
    public Sink startedSink() {
        Sink sink = instance(Sink.class);
        sink.start(this);
        return sink;
    }

    /**
     * Delivers the transitions as one batch, as a run does: starts a new sink with this context, writes them, flushes
     * and closes it.
     *
     * @throws IllegalStateException when the context was built for a source
     */
    public void deliver(List<Transition> transitions) {
        try (Sink sink = startedSink()) {
            sink.writeTransitions(transitions);
            sink.flush();
        }
    }

    private <T> T instance(Class<T> role) {
        Object instance = descriptor.newInstance();
        if (!role.isInstance(instance)) {
            throw new IllegalStateException("connector '" + name + "': this context was not built for a "
                    + role.getSimpleName().toLowerCase(Locale.ROOT) + "; build it with TestContext.for"
                    + role.getSimpleName());
        }
        return role.cast(instance);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * The value of a declared key, or its declared default.
     *
     * @throws IllegalStateException naming the connector, the key and the declared ones when the key is not declared:
     *                               the connector has a bug, as the engine would never hand it a value for that key
     */
    @Override
    public Optional<String> setting(String key) {
        if (!declared.contains(key)) {
            throw new IllegalStateException(undeclared(type, kind, key, declared) + "; connector '" + name
                    + "' reads it, but the engine hands a connector only the keys it declares: declare it in "
                    + kind + "()");
        }
        return Optional.ofNullable(settings.get(key));
    }

    /** {@code connector type 'file' declares no source key 'colour' (declared: follow, path)}. */
    private static String undeclared(String type, String kind, String key, Set<String> declared) {
        return "connector type '" + type + "' declares no " + kind + " key '" + key + "' (declared: "
                + String.join(", ", new TreeSet<>(declared)) + ")";
    }

    @Override
    public Optional<String> resumePosition() {
        return Optional.ofNullable(resumePosition);
    }

    @Override
    public Optional<StageModel> stageModel() {
        return Optional.ofNullable(stageModel);
    }

    /** A logger that keeps every message for {@link #logged()} and hands it on to the connector's log. */
    @Override
    public System.Logger logger() {
        return logger;
    }

    @Override
    public void reject(Rejection rejection) {
        rejects.add(rejection);
    }

    /** What the connector rejected so far, in order. */
    public List<Rejection> rejects() {
        synchronized (rejects) {
            return List.copyOf(rejects);
        }
    }

    /**
     * What the connector logged so far, at any level, in order; each message with its parameters filled in, so that
     * a test can check, for example, that no line shows a secret setting.
     */
    public List<String> logged() {
        synchronized (logged) {
            return List.copyOf(logged);
        }
    }

    /** Keeps every message, whatever its level, and hands on those the connector's log is open for. */
    private final class RecordingLogger implements System.Logger {

        private final System.Logger log;

        private RecordingLogger(System.Logger log) {
            this.log = log;
        }

        @Override
        public String getName() {
            return log.getName();
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            logged.add(message);
            if (log.isLoggable(level)) {
                log.log(level, bundle, message, thrown);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            logged.add(params == null || params.length == 0 ? format : MessageFormat.format(format, params));
            if (log.isLoggable(level)) {
                log.log(level, bundle, format, params);
            }
        }
    }

    /** Collects the settings of a {@link TestContext}; {@link #build()} checks them against the declared keys. */
    public static final class Builder {

        private final String type;
        private final ConnectorDescriptor<?> descriptor;
        private final Map<String, ConfigKey> declared = new LinkedHashMap<>();
        private final boolean source;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private String name;
        private String resumePosition;
        private StageModel stageModel;

        private Builder(String type, ConnectorDescriptor<?> descriptor, boolean source) {
            this.type = type;
            this.descriptor = descriptor;
            this.source = source;
            this.name = "test-" + type;
            descriptor.keys().forEach(key -> declared.put(key.name(), key));
        }

        /** The connector's configured name, {@code test-<type>} unless set. */
        public Builder named(String name) {
            this.name = name;
            return this;
        }

        /** One setting; {@code null} removes it (and its default). */
        public Builder with(String key, String value) {
            settings.put(key, value);
            return this;
        }

        /** Several settings, as {@link #with} one by one. */
        public Builder with(Map<String, String> values) {
            values.forEach(this::with);
            return this;
        }

        /** The position a source resumes after, as the engine hands it over after a committed run. */
        public Builder resumingAt(String position) {
            if (!source) {
                throw new IllegalStateException("a sink has no resume position; only a source resumes");
            }
            this.resumePosition = position;
            return this;
        }

        /** The stages of the rule pack a sink sees, as the engine hands them over; none unless set. */
        public Builder withStages(StageModel stages) {
            if (source) {
                throw new IllegalStateException("a source sees no stage model; only a sink does");
            }
            this.stageModel = stages;
            return this;
        }

        /**
         * The context, with declared defaults filled in.
         *
         * @throws IllegalArgumentException naming the key and the declared ones when a key is not declared
         */
        public TestContext build() {
            for (String key : settings.keySet()) {
                if (!declared.containsKey(key)) {
                    throw new IllegalArgumentException(undeclared(type, kind(), key, declared.keySet())
                            + "; declare it in " + kind() + "() or remove the setting");
                }
            }
            Map<String, String> complete = new LinkedHashMap<>();
            for (ConfigKey key : declared.values()) {
                if (settings.containsKey(key.name())) {
                    if (settings.get(key.name()) != null) {
                        complete.put(key.name(), settings.get(key.name()));
                    }
                } else {
                    key.defaultIfAny().ifPresent(value -> complete.put(key.name(), value));
                }
            }
            return new TestContext(this, complete);
        }

        private String kind() {
            return source ? "source" : "sink";
        }
    }
}
