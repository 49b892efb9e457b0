package io.lifestage.engine.classify;

import io.lifestage.api.StageModel;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The event-driven journeys of a rule pack, read from its {@value #FILE}: beside the stage, an event (the trigger)
 * starts a journey for any customer; after its wait, unless one of its cancel events came in between, the journey
 * fires its action — in any stage, or only in the stages it lists (the customer's stage when it is due).
 */
public final class Journeys {

    static final String FILE = "journeys.csv";
    static final String HEADER = "name,trigger,wait,cancel,stages,action";
    private static final String CODE = "LS-RULE-0031";

    /**
     * One journey.
     *
     * @param name    its name, unique in the pack
     * @param trigger the event that starts it
     * @param delay   how long after the trigger it is due; zero fires it at the trigger
     * @param cancel  events that cancel it when they come at or after the trigger and at or before it is due
     * @param stages  the stages it fires in; empty for any
     * @param action  the action it fires
     */
    public record Journey(String name, String trigger, Duration delay, Set<String> cancel, Set<String> stages,
                          String action) {

        public Journey {
            cancel = Set.copyOf(cancel);
            stages = Set.copyOf(stages);
        }

        /** Whether the journey fires for a customer in this stage (null: none yet). */
        public boolean firesIn(String stage) {
            return stages.isEmpty() || stages.contains(stage);
        }
    }

    private static final Journeys NONE = new Journeys(List.of());

    private final List<Journey> journeys;

    private Journeys(List<Journey> journeys) {
        this.journeys = List.copyOf(journeys);
    }

    /** No journey: those of a pack without the file. */
    public static Journeys none() {
        return NONE;
    }

    /** Every journey, in file order. */
    public List<Journey> all() {
        return journeys;
    }

    /**
     * Parses the file's text, adding a problem per bad line (with its line and column) to {@code problems}.
     *
     * @return the journeys, or null when a line is wrong
     */
    static Journeys parse(String text, StageModel stages, List<RuleProblem> problems) {
        Set<String> names = new HashSet<>();
        List<Journey> read = PackTable.read(FILE, CODE, HEADER, text, problems, (line, cells) -> {
            String name = PackTable.required(cells, 1, "the journey");
            if (!names.add(name)) {
                throw new PackTable.BadCell(1, "the journey '" + name + "' is listed twice");
            }
            String trigger = PackTable.required(cells, 2, "the event that starts the journey");
            Set<String> inStages = Set.copyOf(PackTable.list(cells.get(4)));
            for (String stage : inStages) {
                if (!stages.declares(stage)) {
                    throw new PackTable.BadCell(5, "'" + stage + "' is not a stage of " + RulePack.STAGES_FILE + " ("
                            + String.join(", ", stages.names()) + ")");
                }
            }
            return new Journey(name, trigger, delay(cells.get(2)), Set.copyOf(PackTable.list(cells.get(3))),
                    inStages, PackTable.required(cells, 6, "the action it fires"));
        });
        return read == null ? null : new Journeys(read);
    }

    private static Duration delay(String cell) {
        if (cell.isEmpty()) {
            return Duration.ZERO;
        }
        Duration wait = PackTable.duration(cell);
        if (wait == null) {
            throw new PackTable.BadCell(3, "'" + cell + "' is not a wait such as 30m, 1h or 3d (minutes, hours or"
                    + " days), or empty for none");
        }
        return wait;
    }
}
