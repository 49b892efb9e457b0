package io.lifestage.engine.report;

import static io.lifestage.engine.report.StoreHistory.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lifestage.engine.classify.ActionCatalog;
import io.lifestage.engine.config.LifestageConfig;
import io.lifestage.engine.config.MetricsSettings;
import io.lifestage.engine.config.ReportSettings;
import io.lifestage.engine.metrics.TierPolicy;
import io.lifestage.engine.store.StageStore;
import io.lifestage.engine.store.TestStores;
import io.lifestage.testing.StoreUnderTest;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The uplift of actions on a small hand-made history, the numbers worked out by hand. The period runs from day 0
 * (excluded) to day 60. {@code win-back} means an order within 30 days; {@code invite} a move into loyalty within 10
 * days; {@code post-purchase} was never due. Actions are due at the start of their day ({@code H} = held out):
 * <pre>
 * t1: win-back 10, order 20 (reached)          invite 5, loyalty 12 (reached)
 * t2: win-back 10, order 40 (the window's last day: reached)   invite 5, loyalty 16 (too late)
 * t3: win-back 10, order 41 (too late)         invite 5, a refused move into loyalty 6 (not reached)
 * t4: win-back 12, no order
 * t5: win-back 35, order 36: its window ends on day 65, after the period: not counted yet
 * t6: win-back -5 (before the period) and 15, orders 1 and 16: counted from 15, reached
 * t7: win-back 10 and 20, orders 10 (not after it) and 45: counted from 10, not reached
 * h1: win-back 10 H, order 15 (reached)        invite 5 H, loyalty 8 (reached)
 * h2: win-back 10 H, no order
 * h3: win-back 11 H, order 50 (too late)
 * h4: win-back 20 H, no order
 * </pre>
 * win-back: treated t1, t2, t3, t4, t6, t7 — 3 of 6 reached (0.5); held out h1..h4 — 1 of 4 (0.25); uplift 0.25.
 * Wilson 95 % intervals: 3/6 [0.1876, 0.8124], 1/4 [0.0456, 0.6994]; Newcombe: 0.25 − √((0.5 − 0.1876)² +
 * (0.6994 − 0.25)²) = −0.2973, 0.25 + √((0.8124 − 0.5)² + (0.25 − 0.0456)²) = 0.6233.
 * invite: treated t1, t2, t3 — 1 of 3 (0.3333); held out h1 — 1 of 1; uplift −0.6667; Wilson 1/3 [0.0615, 0.7923],
 * 1/1 [0.2065, 1]; Newcombe −0.6667 − √((0.3333 − 0.0615)² + (1 − 1)²) = −0.9385, −0.6667 + √((0.7923 − 0.3333)²
 * + (1 − 0.2065)²) = 0.25.
 */
class ActionUpliftTest implements StoreUnderTest {

    private static final ActionCatalog ACTIONS = ActionCatalog.of(List.of(
            action("win-back", 5_000, new ActionCatalog.Outcome("Order Completed", null, Duration.ofDays(30))),
            action("welcome", 0, null),
            action("invite", 1_000, new ActionCatalog.Outcome(null, "loyalty", Duration.ofDays(10))),
            action("post-purchase", 0, new ActionCatalog.Outcome("Order Completed", null, Duration.ofDays(7)))));

    private StageStore store;
    private Reports reports;

    private static ActionCatalog.Action action(String name, int holdout, ActionCatalog.Outcome outcome) {
        return new ActionCatalog.Action(name, "email:" + name, List.of(), List.of(), List.of(), holdout, outcome);
    }

    @BeforeEach
    void fill() throws Exception {
        store = TestStores.open(emptyStore().get(URL));
        StoreHistory history = new StoreHistory(store);
        for (String customer : List.of("t1", "t2", "t3", "t4", "t5", "t6", "t7", "h1", "h2", "h3", "h4")) {
            history.move(customer, null, "retention", -10);
        }
        history.action("t1", "win-back", 10, false).event("t1", "Order Completed", 20, 0)
                .action("t1", "invite", 5, false).move("t1", "retention", "loyalty", 12)
                .action("t2", "win-back", 10, false).event("t2", "Order Completed", 40, 0)
                .action("t2", "invite", 5, false).move("t2", "retention", "loyalty", 16)
                .action("t3", "win-back", 10, false).event("t3", "Order Completed", 41, 0)
                .action("t3", "invite", 5, false).refused("t3", "retention", "loyalty", 6)
                .action("t4", "win-back", 12, false)
                .action("t5", "win-back", 35, false).event("t5", "Order Completed", 36, 0)
                .action("t6", "win-back", -5, false).action("t6", "win-back", 15, false)
                .event("t6", "Order Completed", 1, 0).event("t6", "Order Completed", 16, 0)
                .action("t7", "win-back", 10, false).action("t7", "win-back", 20, false)
                .event("t7", "Order Completed", 10, 0).event("t7", "Order Completed", 45, 0)
                .action("h1", "win-back", 10, true).event("h1", "Order Completed", 15, 0)
                .action("h1", "invite", 5, true).move("h1", "retention", "loyalty", 8)
                .action("h2", "win-back", 10, true)
                .action("h3", "win-back", 11, true).event("h3", "Order Completed", 50, 0)
                .action("h4", "win-back", 20, true)
                .save(60);
        reports = new Reports(store, StoreHistory.DEFAULT_STAGES, LifestageConfig.defaults(ReportSettings.class),
                TierPolicy.of(LifestageConfig.defaults(MetricsSettings.class)), ACTIONS);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void comparesTreatedAndHeldOutCustomersByWhetherTheyReachedTheOutcomeInItsWindow() {
        assertThat(reports.uplift(day(0), day(60))).containsExactly(
                new ActionUplift("win-back", "Order Completed within 30d", 0.5, new ActionUplift.Group(6, 3, 0.5),
                        new ActionUplift.Group(4, 1, 0.25), 0.25, -0.2973, 0.6233),
                new ActionUplift("invite", "stage:loyalty within 10d", 0.1, new ActionUplift.Group(3, 1, 0.3333),
                        new ActionUplift.Group(1, 1, 1.0), -0.6667, -0.9385, 0.25),
                new ActionUplift("post-purchase", "Order Completed within 7d", 0, new ActionUplift.Group(0, 0, null),
                        new ActionUplift.Group(0, 0, null), null, null, null));
    }

    @Test
    void aCustomerWhoseWindowHasNotEndedCountsOnceItHas() {
        assertThat(reports.uplift(day(0), day(65)).get(0).treated()).isEqualTo(new ActionUplift.Group(7, 4, 0.5714));
    }

    @Test
    void theIntervalIsNewcombesHybridScoreIntervalOfHisPublishedExample() {
        // Newcombe (1998), Statistics in Medicine 17:873-890, table II: 56/70 - 48/80, method 10: 0.0524 to 0.3339
        ActionUplift example = ActionUplift.of("a", "o", 0.5, 70, 56, 80, 48);

        assertThat(example.uplift()).isCloseTo(0.2, within(1e-9));
        assertThat(example.low()).isEqualTo(0.0524);
        assertThat(example.high()).isEqualTo(0.3339);
    }

    @Test
    void everyFormatShowsTheUplift() throws Exception {
        LifecycleReport report = reports.report(day(0), day(60), List.of(day(60)));
        StringWriter text = new StringWriter();
        ReportFormat.TEXT.write(report, text);
        StringWriter csv = new StringWriter();
        ReportFormat.CSV.write(report, csv);
        StringWriter json = new StringWriter();
        ReportFormat.JSON.write(report, json);

        assertThat(text.toString()).contains("Action uplift").containsPattern(
                "win-back +Order Completed within 30d +50\\.0% +6 +3 +50\\.0% +4 +1 +25\\.0% +\\+25\\.0 pt"
                        + " +-29\\.7 to \\+62\\.3 pt");
        assertThat(csv.toString()).contains("uplift,2026-01-01T00:00:00Z,2026-03-02T00:00:00Z,win-back,"
                + "Order Completed within 30d,uplift_low,-0.2973\n");
        assertThat(json.toString()).contains("\"action\" : \"invite\"").contains("\"high\" : 0.25");
    }
}
