package io.lifestage.plugin.file;

import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A connector context with fixed settings that keeps what was rejected and which keys were asked for. The setting
 * {@code resume-position}, if given, is the position to resume from.
 */
final class RecordingContext implements ConnectorContext {

    final List<Rejection> rejects = new ArrayList<>();
    final Set<String> askedKeys = new TreeSet<>();
    private final Map<String, String> settings;

    RecordingContext(Map<String, String> settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "test";
    }

    @Override
    public Optional<String> setting(String key) {
        askedKeys.add(key);
        return Optional.ofNullable(settings.get(key));
    }

    @Override
    public Optional<String> resumePosition() {
        return Optional.ofNullable(settings.get("resume-position"));
    }

    @Override
    public System.Logger logger() {
        return System.getLogger(getClass().getName());
    }

    @Override
    public void reject(Rejection rejection) {
        rejects.add(rejection);
    }
}
