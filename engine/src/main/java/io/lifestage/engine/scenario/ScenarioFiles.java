package io.lifestage.engine.scenario;

import io.lifestage.api.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads the scenario files of a rule pack: every {@code *.test.yaml} below the rules directory. A file that cannot be
 * read as scenarios is reported with its line, like a broken rule file, and the other files are still read.
 */
public final class ScenarioFiles {

    /** Scenario files end with this. */
    public static final String SUFFIX = ".test.yaml";
    /** The as-of instant of a file that names none. */
    static final Instant DEFAULT_AS_OF = Instant.parse("2026-01-01T00:00:00Z");
    private static final String DEFAULT_CUSTOMER = "customer";

    private final List<Scenario> scenarios = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private ScenarioFiles() {
    }

    /** Reads every scenario file below the directory. */
    public static ScenarioFiles in(Path directory) {
        ScenarioFiles files = new ScenarioFiles();
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted()
                    .forEach(p -> files.read(directory.relativize(p).toString().replace('\\', '/'), p));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        return files;
    }

    /** The scenarios read, in file order. */
    public List<Scenario> scenarios() {
        return List.copyOf(scenarios);
    }

    /** What could not be read, as {@code file:line: problem}. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    private void read(String file, Path path) {
        String text;
        Object document;
        try {
            text = Files.readString(path);
            document = new Load(LoadSettings.builder().setLabel(file).build()).loadFromString(text);
        } catch (IOException e) {
            problems.add(file + ": cannot be read: " + e.getMessage());
            return;
        } catch (MarkedYamlEngineException e) {
            problems.add(file + ":" + e.getProblemMark().map(m -> m.getLine() + 1).orElse(0) + ": not valid YAML: "
                    + e.getProblem());
            return;
        } catch (YamlEngineException e) {
            problems.add(file + ": not valid YAML: " + e.getMessage());
            return;
        }
        if (!(document instanceof Map<?, ?> root) || !(root.get("scenarios") instanceof List<?> list)) {
            problems.add(file + ":1: expected a 'scenarios:' list (see docs/rule-authoring.md)");
            return;
        }
        try {
            Instant asOf = root.containsKey("as-of") ? instant(root.get("as-of"), "as-of") : DEFAULT_AS_OF;
            int searchFrom = 0;
            for (Object item : list) {
                String name = item instanceof Map<?, ?> map && map.get("name") != null ? map.get("name").toString()
                        : "";
                int line = lineOf(text, name, searchFrom);
                searchFrom = Math.max(searchFrom, offsetOfLine(text, line));
                try {
                    scenarios.add(scenario(file, line, item, asOf));
                } catch (IllegalArgumentException e) {
                    problems.add(file + ":" + line + ": " + e.getMessage());
                }
            }
        } catch (IllegalArgumentException e) {
            problems.add(file + ":1: " + e.getMessage());
        }
    }

    private static Scenario scenario(String file, int line, Object item, Instant fileAsOf) {
        if (!(item instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("each scenario is a mapping with name, events and expect");
        }
        String name = required(map, "name");
        String expect = required(map, "expect");
        Instant asOf = map.containsKey("as-of") ? instant(map.get("as-of"), "as-of") : fileAsOf;
        String customer = map.containsKey("customer") ? map.get("customer").toString() : DEFAULT_CUSTOMER;
        if (!(map.get("events") instanceof List<?> events) || events.isEmpty()) {
            throw new IllegalArgumentException("scenario '" + name + "' needs a non-empty 'events' list");
        }
        List<Event> built = new ArrayList<>();
        for (Object event : events) {
            built.add(event(event, customer, asOf));
        }
        Object rule = map.get("rule");
        return new Scenario(file, line, name, asOf, customer, built, expect, rule == null ? null : rule.toString(),
                map.containsKey("fires") ? fired(map.get("fires")) : null);
    }

    /** The {@code fires} list: {@code { action: NAME, at: INSTANT }} each, or {@code []} for none. */
    private static List<Scenario.Fired> fired(Object value) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("'fires' is a list such as"
                    + " [ { action: abandoned-cart-email, at: 2026-06-01T11:00:00Z } ], or [] for none");
        }
        List<Scenario.Fired> fired = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("each of 'fires' is a mapping such as"
                        + " { action: abandoned-cart-email, at: 2026-06-01T11:00:00Z }");
            }
            fired.add(new Scenario.Fired(required(map, "action"), instant(map.get("at"), "at")));
        }
        return List.copyOf(fired);
    }

    /**
     * One event: {@code event} (its name), {@code days-ago} or {@code at}, optionally {@code anonymous: true} (sent
     * with the customer's anonymous id only); every other key is a property. An {@code Identified} event links the
     * anonymous id to the customer.
     */
    private static Event event(Object item, String customer, Instant asOf) {
        if (!(item instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("each event is a mapping such as"
                    + " { event: Order Completed, days-ago: 3 }");
        }
        String name = required(map, "event");
        Instant at;
        if (map.get("days-ago") instanceof Number days) {
            at = asOf.minus(Duration.ofSeconds(Math.round(days.doubleValue() * 86_400)));
        } else if (map.containsKey("at")) {
            at = instant(map.get("at"), "at");
        } else {
            throw new IllegalArgumentException("event '" + name + "' needs 'days-ago' (a number) or 'at' (an instant)");
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (!List.of("event", "days-ago", "at", "anonymous").contains(key.toString()) && value != null) {
                properties.put(key.toString(), value);
            }
        });
        String anonymousId = customer + "-anonymous";
        boolean anonymous = Boolean.TRUE.equals(map.get("anonymous"));
        return switch (name) {
            case Event.IDENTIFIED -> new Event(Event.Type.IDENTIFY, customer, anonymousId, name, at, Map.of(),
                    properties);
            case Event.PAGE_VIEWED -> new Event(Event.Type.PAGE, anonymous ? null : customer,
                    anonymous ? anonymousId : null, name, at, properties, Map.of());
            default -> new Event(Event.Type.TRACK, anonymous ? null : customer, anonymous ? anonymousId : null, name,
                    at, properties, Map.of());
        };
    }

    private static String required(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("missing '" + key + "'");
        }
        return value.toString();
    }

    private static Instant instant(Object value, String key) {
        try {
            return OffsetDateTime.parse(String.valueOf(value)).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + key + "' is not an instant such as 2026-06-01T00:00:00Z: "
                    + value);
        }
    }

    /** The 1-based line holding {@code name: <name>} at or after the offset, or the line of the offset. */
    private static int lineOf(String text, String name, int from) {
        int at = name.isEmpty() ? -1 : text.indexOf(name, from);
        int offset = at < 0 ? from : at;
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }

    private static int offsetOfLine(String text, int line) {
        int offset = 0;
        for (int i = 1; i < line && offset >= 0; i++) {
            offset = text.indexOf('\n', offset) + 1;
        }
        return Math.max(0, offset);
    }
}
