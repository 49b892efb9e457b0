package io.lifestage.rules;

import io.lifestage.api.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A customer's events in a few readable lines, timed in whole days before the as-of instant of the scenarios. */
final class History {

    static final Instant AS_OF = Instant.parse("2026-06-01T12:00:00Z");

    private final String userId;
    private final List<Event> events = new ArrayList<>();
    private int orders;

    private History(String userId) {
        this.userId = userId;
    }

    static History of(String userId) {
        return new History(userId);
    }

    static Instant daysAgo(double days) {
        return AS_OF.minus(Duration.ofSeconds(Math.round(days * 86_400)));
    }

    History did(String event, double daysAgo) {
        return track(event, daysAgo, Map.of());
    }

    History order(double daysAgo) {
        orders++;
        return track("Order Completed", daysAgo, Map.of("order_id", userId + "-" + orders, "total", 50.0));
    }

    History survey(int score, double daysAgo) {
        return track("Survey Answered", daysAgo, Map.of("score", score));
    }

    History visit(double daysAgo) {
        events.add(new Event(Event.Type.PAGE, userId, null, Event.PAGE_VIEWED, daysAgo(daysAgo),
                Map.of("path", "/"), Map.of()));
        return this;
    }

    History track(String event, double daysAgo, Map<String, Object> properties) {
        events.add(Event.track(userId, event, daysAgo(daysAgo), properties));
        return this;
    }

    List<Event> events() {
        return List.copyOf(events);
    }
}
