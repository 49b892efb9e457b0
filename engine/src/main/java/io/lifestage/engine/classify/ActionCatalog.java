package io.lifestage.engine.classify;

import io.lifestage.api.StageModel;
import io.lifestage.engine.internal.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What each lifecycle action carries, read from the pack's {@value #FILE}: the channel it goes to
 * ({@code email:welcome}, {@code sms:cart}, {@code crm-task:call}) and its payload — chosen traits, chosen
 * {@link PayloadMetric metrics}, and chosen properties of the event that triggered it ({@code *} for all); and
 * optionally the {@link Outcome} it is meant to cause and the share of customers held out of it as a control group,
 * so that reports can measure its uplift. An action the file does not list goes out with no channel and an empty
 * payload, to everyone.
 */
public final class ActionCatalog {

    static final String FILE = "actions.csv";
    static final String HEADER = "action,channel,traits,metrics,properties,holdout,outcome";
    /** The header of a file written before holdouts and outcomes, still read: neither is declared then. */
    private static final String HEADER_WITHOUT_HOLDOUT = "action,channel,traits,metrics,properties";
    private static final String CODE = "LS-RULE-0032";
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9-]*:[A-Za-z0-9._-]+");
    private static final Pattern HOLDOUT = Pattern.compile("(\\d{1,2})(?:\\.(\\d{1,2}))?%");
    private static final Pattern OUTCOME = Pattern.compile("(.*\\S)\\s+within\\s+(\\S+)");
    private static final String STAGE_PREFIX = "stage:";
    /** A holdout share is counted in basis points, hundredths of a percent: {@code 10%} is 1,000. */
    private static final int ALL_BASIS_POINTS = 10_000;

    /**
     * What an action is meant to cause, measured within {@code window} after the action was due: an event of the
     * customer's ({@code Order Completed within 7d}), or a move into a stage ({@code stage:retention within 30d}).
     *
     * @param event  the event name that counts, or null for a stage outcome
     * @param stage  the stage a move into counts, or null for an event outcome
     * @param window how long after the action is due the outcome counts
     */
    public record Outcome(String event, String stage, Duration window) {

        /** The outcome as the pack writes it. */
        @Override
        public String toString() {
            String written = window.toMinutes() % 1_440 == 0 ? window.toDays() + "d"
                    : window.toMinutes() % 60 == 0 ? window.toHours() + "h" : window.toMinutes() + "m";
            return (event != null ? event : STAGE_PREFIX + stage) + " within " + written;
        }
    }

    /**
     * One action's declaration.
     *
     * @param name       the action, as journeys and transitions name it
     * @param channel    where it goes, or null when undeclared
     * @param traits     the traits its payload carries (their latest values)
     * @param metrics    the metrics its payload carries
     * @param properties the triggering event's properties its payload carries; {@code *} for all
     * @param holdout    the share of customers held out of it, in basis points (hundredths of a percent); 0 for
     *                   none
     * @param outcome    what it is meant to cause, or null when the pack does not say
     */
    public record Action(String name, String channel, List<String> traits, List<PayloadMetric> metrics,
                         List<String> properties, int holdout, Outcome outcome) {

        public Action {
            traits = List.copyOf(traits);
            metrics = List.copyOf(metrics);
            properties = List.copyOf(properties);
        }

        /** An action that holds nobody out and names no outcome. */
        public Action(String name, String channel, List<String> traits, List<PayloadMetric> metrics,
                      List<String> properties) {
            this(name, channel, traits, metrics, properties, 0, null);
        }

        /** The share of customers held out of it, from 0 to 1. */
        public double holdoutShare() {
            return holdout / (double) ALL_BASIS_POINTS;
        }

        /**
         * Whether the customer is in this action's control group: the first eight bytes of the SHA-256 of the
         * customer id and the action's name (UTF-8, joined by NUL), as an unsigned number modulo 10,000, fall below
         * the holdout's basis points. The same customer and action give the same answer on every run and machine.
         */
        public boolean holdsOut(String customerId) {
            return holdout > 0 && bucket(customerId, name) < holdout;
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

    /** A catalog of these declarations, as a pack's file would list them (in that order, each name once). */
    public static ActionCatalog of(Collection<Action> declared) {
        Map<String, Action> byName = new LinkedHashMap<>();
        declared.forEach(action -> byName.put(action.name(), action));
        return new ActionCatalog(byName);
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

    /** The customer's bucket for an action, from 0 to 9,999; see {@link Action#holdsOut}. */
    static int bucket(String customerId, String action) {
        byte[] digest = Sha256.digest().digest((customerId + "\0" + action).getBytes(StandardCharsets.UTF_8));
        return (int) Long.remainderUnsigned(ByteBuffer.wrap(digest).getLong(), ALL_BASIS_POINTS);
    }

    /**
     * Parses the file's text, adding a problem per bad line (with its line and column) to {@code problems}; a stage
     * outcome must name a stage of {@code stages} (not checked when null: the pack has no stage model to check with).
     *
     * @return the catalog, or null when a line is wrong
     */
    static ActionCatalog parse(String text, StageModel stages, List<RuleProblem> problems) {
        Map<String, Action> byName = new LinkedHashMap<>();
        boolean withHoldout = !text.lines().findFirst().orElse("").trim().equalsIgnoreCase(HEADER_WITHOUT_HOLDOUT);
        String header = withHoldout ? HEADER : HEADER_WITHOUT_HOLDOUT;
        List<Action> read = PackTable.read(FILE, CODE, header, text, problems, (line, cells) -> {
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
            int holdout = withHoldout ? holdout(cells.get(5)) : 0;
            Outcome outcome = withHoldout ? outcome(cells.get(6), stages) : null;
            if (holdout > 0 && outcome == null) {
                throw new PackTable.BadCell(7, "missing: a holdout measures an outcome, such as 'Order Completed"
                        + " within 7d' or 'stage:retention within 30d'");
            }
            Action action = new Action(name, channel, PackTable.list(cells.get(2)), metrics,
                    PackTable.list(cells.get(4)), holdout, outcome);
            byName.put(name, action);
            return action;
        });
        return read == null ? null : of(read);
    }

    /** A holdout cell's basis points: {@code 10%} or {@code 2.5%}; 0 when empty. */
    private static int holdout(String cell) {
        if (cell.isEmpty()) {
            return 0;
        }
        Matcher share = HOLDOUT.matcher(cell);
        int basisPoints = share.matches() ? Integer.parseInt(share.group(1)) * 100
                + (share.group(2) == null ? 0 : Integer.parseInt((share.group(2) + "0").substring(0, 2))) : 0;
        if (basisPoints == 0) {
            throw new PackTable.BadCell(6, "'" + cell + "' is not a share of customers held out, such as 10% or 2.5%"
                    + " (above 0% and below 100%), or empty for none");
        }
        return basisPoints;
    }

    /** An outcome cell: {@code EVENT within WINDOW} or {@code stage:STAGE within WINDOW}; null when empty. */
    private static Outcome outcome(String cell, StageModel stages) {
        if (cell.isEmpty()) {
            return null;
        }
        Matcher written = OUTCOME.matcher(cell);
        Duration window = written.matches() ? PackTable.duration(written.group(2)) : null;
        if (window == null || window.isZero()) {
            throw new PackTable.BadCell(7, "'" + cell + "' is not an outcome such as 'Order Completed within 7d' or"
                    + " 'stage:retention within 30d' (an event name or stage:NAME, then 'within' and a window of"
                    + " minutes, hours or days: 30m, 12h, 7d)");
        }
        String target = written.group(1);
        if (!target.startsWith(STAGE_PREFIX)) {
            return new Outcome(target, null, window);
        }
        String stage = target.substring(STAGE_PREFIX.length()).trim();
        if (stages != null && !stages.declares(stage)) {
            throw new PackTable.BadCell(7, "'" + stage + "' is not a stage of " + RulePack.STAGES_FILE + " ("
                    + String.join(", ", stages.names()) + ")");
        }
        return new Outcome(null, stage, window);
    }
}
