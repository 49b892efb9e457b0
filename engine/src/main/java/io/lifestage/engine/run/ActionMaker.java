package io.lifestage.engine.run;

import io.lifestage.api.ActionFired;
import io.lifestage.api.Event;
import io.lifestage.api.rules.CustomerMetrics;
import io.lifestage.engine.classify.ActionCatalog;
import io.lifestage.engine.internal.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Makes the {@link ActionFired} of an action as the pack's {@code actions.csv} declares it: its channel, and a
 * payload of {@code traits} (the latest value of each chosen trait, null when never given), {@code metrics} (each
 * chosen metric as of the instant it is due) and {@code event} (the triggering event's name, instant and chosen
 * properties; absent when no event triggered it).
 */
final class ActionMaker {

    private final ActionCatalog catalog;

    ActionMaker(ActionCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The action, due at {@code at}, caused by {@code cause}; {@code metrics} are computed only when the payload
     * carries some, {@code trigger} may be null.
     */
    ActionFired fire(String name, String customerId, String id, long at, String cause, String stage,
                     Supplier<CustomerMetrics> metrics, Map<String, Object> traits, Event trigger) {
        ActionCatalog.Action action = catalog.action(name);
        Map<String, Object> payload = new LinkedHashMap<>();
        if (!action.traits().isEmpty()) {
            Map<String, Object> chosen = new LinkedHashMap<>();
            action.traits().forEach(trait -> chosen.put(trait, traits.get(trait)));
            payload.put("traits", chosen);
        }
        if (!action.metrics().isEmpty()) {
            CustomerMetrics then = metrics.get();
            Map<String, Object> chosen = new LinkedHashMap<>();
            action.metrics().forEach(metric -> chosen.put(metric.key(), metric.of(then, stage)));
            payload.put("metrics", chosen);
        }
        if (trigger != null && !action.properties().isEmpty()) {
            Map<String, Object> properties = new LinkedHashMap<>();
            trigger.properties().forEach((key, value) -> {
                if (action.carries(key)) {
                    properties.put(key, value);
                }
            });
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("name", trigger.name());
            event.put("at", trigger.timestamp().toString());
            event.put("properties", properties);
            payload.put("event", event);
        }
        return new ActionFired(id, customerId, name, action.channel(), Instant.ofEpochMilli(at), cause, payload);
    }

    /** A digest of the parts, joined by NUL: the same parts always give the same id. */
    static String digest(String... parts) {
        String text = String.join("\0", parts);
        return HexFormat.of().formatHex(Sha256.digest().digest(text.getBytes(StandardCharsets.UTF_8)), 0, 16);
    }
}
