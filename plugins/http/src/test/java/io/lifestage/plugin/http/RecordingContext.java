package io.lifestage.plugin.http;

import io.lifestage.api.spi.ConfigKey;
import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.Rejection;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * A connector context as the engine gives one: the settings, with the declared defaults filled in; it keeps what was
 * rejected and what was logged.
 */
final class RecordingContext implements ConnectorContext {

    final List<Rejection> rejects = new ArrayList<>();
    final List<String> logged = new ArrayList<>();
    private final Map<String, String> settings = new HashMap<>();
    private final String resumePosition;

    private RecordingContext(List<ConfigKey> keys, Map<String, String> settings, String resumePosition) {
        keys.forEach(key -> key.defaultIfAny().ifPresent(value -> this.settings.put(key.name(), value)));
        this.settings.putAll(settings);
        this.resumePosition = resumePosition;
    }

    static RecordingContext sink(Map<String, String> settings) {
        return new RecordingContext(new HttpConnectorProvider().sink().orElseThrow().keys(), settings, null);
    }

    static RecordingContext source(Map<String, String> settings, String resumePosition) {
        return new RecordingContext(new HttpConnectorProvider().source().orElseThrow().keys(), settings,
                resumePosition);
    }

    @Override
    public String name() {
        return "test";
    }

    @Override
    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    @Override
    public Optional<String> resumePosition() {
        return Optional.ofNullable(resumePosition);
    }

    @Override
    public System.Logger logger() {
        return new System.Logger() {
            @Override
            public String getName() {
                return "test";
            }

            @Override
            public boolean isLoggable(Level level) {
                return true;
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
                logged.add(message);
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String format, Object... params) {
                logged.add(params == null || params.length == 0 ? format : MessageFormat.format(format, params));
            }
        };
    }

    @Override
    public void reject(Rejection rejection) {
        rejects.add(rejection);
    }
}
