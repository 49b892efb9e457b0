package io.lifestage.engine.classify;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What each lifecycle action carries, read from the pack's {@value #FILE}: the channel it goes to
 * ({@code email:welcome}, {@code sms:cart}, {@code crm-task:call}) and its payload — chosen traits, chosen
 * {@link PayloadMetric metrics}, and chosen properties of the event that triggered it ({@code *} for all). An action
 * the file does not list goes out with no channel and an empty payload.
 */
public final class ActionCatalog {

    static final String FILE = "actions.csv";
    static final String HEADER = "action,channel,traits,metrics,properties";
    private static final String CODE = "LS-RULE-0032";
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9-]*:[A-Za-z0-9._-]+");

    /**
     * One action's declaration.
     *
     * @param name       the action, as journeys and transitions name it
     * @param channel    where it goes, or null when undeclared
     * @param traits     the traits its payload carries (their latest values)
     * @param metrics    the metrics its payload carries
     * @param properties the triggering event's properties its payload carries; {@code *} for all
     */
    public record Action(String name, String channel, List<String> traits, List<PayloadMetric> metrics,
                         List<String> properties) {

        public Action {
            traits = List.copyOf(traits);
            metrics = List.copyOf(metrics);
            properties = List.copyOf(properties);
        }

        /** Whether the payload carries this property of the triggering event. */
        public boolean carries(String property) {
            return properties.contains("*") || properties.contains(property);
        }
    }

    private static final ActionCatalog NONE = new ActionCatalog(Map.of());

    private final Map<String, Action> actions;

    private ActionCatalog(Map<String, Action> actions) {
        this.actions = actions;
    }

    /** No declaration: the catalog of a pack without the file. */
    public static ActionCatalog none() {
        return NONE;
    }

    /** The declaration of an action; an undeclared one has no channel and an empty payload. */
    public Action action(String name) {
        Action declared = actions.get(name);
        return declared != null ? declared : new Action(name, null, List.of(), List.of(), List.of());
    }

    /** Every declared action, in no particular order. */
    public Collection<Action> all() {
        return actions.values();
    }

    /**
     * Parses the file's text, adding a problem per bad line (with its line and column) to {@code problems}.
     *
     * @return the catalog, or null when a line is wrong
     */
    static ActionCatalog parse(String text, List<RuleProblem> problems) {
        Map<String, Action> byName = new LinkedHashMap<>();
        List<Action> read = PackTable.read(FILE, CODE, HEADER, text, problems, (line, cells) -> {
            String name = PackTable.required(cells, 1, "the action");
            if (byName.containsKey(name)) {
                throw new PackTable.BadCell(1, "the action '" + name + "' is listed twice");
            }
            String channel = PackTable.required(cells, 2, "the channel, such as email:welcome");
            if (!CHANNEL.matcher(channel).matches()) {
                throw new PackTable.BadCell(2, "'" + channel + "' is not a channel such as email:welcome,"
                        + " sms:cart or crm-task:call (kind:name)");
            }
            List<PayloadMetric> metrics = PackTable.list(cells.get(3)).stream().map(key -> PayloadMetric.named(key)
                    .orElseThrow(() -> new PackTable.BadCell(4, "'" + key + "' is not a metric an action carries ("
                            + Arrays.stream(PayloadMetric.values()).map(PayloadMetric::key)
                            .collect(Collectors.joining(", ")) + ")")))
                    .toList();
            Action action = new Action(name, channel, PackTable.list(cells.get(2)), metrics,
                    PackTable.list(cells.get(4)));
            byName.put(name, action);
            return action;
        });
        return read == null ? null : new ActionCatalog(byName);
    }
}
