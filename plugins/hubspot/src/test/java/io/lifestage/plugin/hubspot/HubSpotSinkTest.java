package io.lifestage.plugin.hubspot;

import static io.lifestage.testkit.TestRecords.move;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifestage.api.Stage;
import io.lifestage.api.StageModel;
import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Rejection;
import io.lifestage.api.spi.Sink;
import io.lifestage.testkit.TestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How the HubSpot sink writes stages: batches, backward moves, details, unknown customers, retries, secrets. */
class HubSpotSinkTest {

    private static final Instant AT = Instant.parse("2026-11-01T00:00:00Z");

    @RegisterExtension
    final FakeHubSpot hubspot = new FakeHubSpot();

    @Test
    void writesTwoHundredAndFiftyCustomersInBatchesOfAtMostOneHundred() {
        List<Transition> moves = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            hubspot.add(Map.of("lifestage_id", "u" + i), AT.minusSeconds(86_400));
            moves.add(move("u" + i, null, "consideration", AT));
        }

        context().deliver(moves);

        assertThat(hubspot.requests("/batch/update")).hasSize(3)
                .allSatisfy(update -> assertThat(update.body().path("inputs").size()).isLessThanOrEqualTo(100));
        assertThat(hubspot.ids()).allSatisfy(id -> assertThat(hubspot.value(id, "lifecyclestage")).isEqualTo("lead"));
    }

    @Test
    void clearsTheLifecycleStageInARequestOfItsOwnBeforeMovingItBack() {
        long id = hubspot.add(Map.of("lifestage_id", "u1", "lifecyclestage", "evangelist"), AT.minusSeconds(60));

        context().deliver(List.of(move("u1", "loyalty", "retention", AT)));

        List<FakeHubSpot.Request> updates = hubspot.requests("/batch/update");
        assertThat(updates).hasSize(2);
        assertThat(updates.get(0).body().path("inputs").get(0).path("properties").path("lifecyclestage").asText())
                .isEmpty();
        assertThat(hubspot.history(id, "lifecyclestage")).containsExactly("customer", "", "evangelist");
    }

    @Test
    void writesTheRuleReasonAndSinceOfTheLastMoveAndNothingWhenRedelivered() {
        long id = hubspot.add(Map.of("lifestage_id", "u1"), AT.minusSeconds(60));
        TestContext context = context(Map.of("rule-property", "ls_rule", "reason-property", "ls_reason",
                "since-property", "ls_since"));
        List<Transition> moves = List.of(move("u1", null, "awareness", AT),
                new Transition("u1:conversion", "u1", "awareness", "conversion", AT.plusSeconds(3600),
                        "conversion-first-purchase", "first purchase 0 days ago", "v1", List.of(),
                        Transition.Policy.ALLOWED));

        context.deliver(moves);
        int updates = hubspot.requests("/batch/update").size();
        context.deliver(moves);

        assertThat(hubspot.value(id, "lifecyclestage")).isEqualTo("customer");
        assertThat(hubspot.value(id, "ls_rule")).isEqualTo("conversion-first-purchase");
        assertThat(hubspot.value(id, "ls_reason")).isEqualTo("first purchase 0 days ago");
        assertThat(hubspot.value(id, "ls_since")).isEqualTo("2026-11-01T01:00:00Z");
        assertThat(hubspot.requests("/batch/update")).as("updates after redelivering").hasSize(updates);
    }

    @Test
    void rejectsCustomersWithoutAContactWhenAskedAndSkipsThemOtherwise() {
        hubspot.add(Map.of("lifestage_id", "u1"), AT.minusSeconds(60));
        TestContext rejecting = context(Map.of("unknown-customers", "reject"));
        TestContext skipping = context();

        rejecting.deliver(List.of(move("u1", null, "awareness", AT), move("u2", null, "awareness", AT)));
        skipping.deliver(List.of(move("u3", null, "awareness", AT)));

        assertThat(rejecting.rejects()).extracting(Rejection::position, Rejection::reason).containsExactly(
                Tuple.tuple("customer u2", "no HubSpot contact has lifestage_id = u2"));
        assertThat(skipping.rejects()).isEmpty();
        assertThat(skipping.logged()).anyMatch(line -> line.contains("1 customer(s) skipped"));
    }

    @Test
    void waitsOutA429WithRetryAfterAndSucceeds() {
        long id = hubspot.add(Map.of("lifestage_id", "u1"), AT.minusSeconds(60));
        TestContext context = context();
        Sink sink = context.startedSink();
        hubspot.rateLimitNext(2);

        sink.writeTransitions(List.of(move("u1", null, "churn", AT)));
        sink.flush();
        sink.close();

        assertThat(hubspot.value(id, "lifecyclestage")).isEqualTo("other");
        assertThat(hubspot.requests("/batch/read")).as("the read refused twice, then answered").hasSize(3);
        assertThat(context.logged()).filteredOn(line -> line.contains("HTTP 429")).hasSize(2);
    }

    @Test
    void givesUpWithARetriableFailureThatAsksTheEngineForHubSpotsPauseWhenHubSpotKeepsRefusing() {
        hubspot.add(Map.of("lifestage_id", "u1"), AT.minusSeconds(60));
        Sink sink = context(Map.of("max-attempts", "2")).startedSink();
        hubspot.rateLimitNext(2);
        sink.writeTransitions(List.of(move("u1", null, "churn", AT)));

        assertThatThrownBy(sink::flush).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(1))).hasMessageContaining("HTTP 429")
                .hasMessageContaining("max-attempts");
        sink.close();
    }

    @Test
    void refusesAWrongTokenAtStartWithoutShowingIt() {
        TestContext context = context(Map.of("token", "pat-wrong-s3cret"));
        Sink sink = new HubSpotConnectorProvider().sink().orElseThrow().newInstance();

        assertThatThrownBy(() -> sink.start(context)).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.retriable()).isFalse()).hasMessageContaining("HTTP 401")
                .hasMessageContaining("setting 'token'").hasMessageNotContaining("s3cret");
        assertThat(context.logged()).noneMatch(line -> line.contains("s3cret"));
    }

    @Test
    void refusesAStageMappingToAValueOutsideTheOrder() {
        Sink sink = new HubSpotConnectorProvider().sink().orElseThrow().newInstance();

        assertThatThrownBy(() -> sink.start(context(Map.of("stages", "churn=formercustomer"))))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("setting 'stages' maps 'churn' to 'formercustomer', which setting 'stage-order' does not"
                        + " list ([subscriber, lead, marketingqualifiedlead, salesqualifiedlead, opportunity,"
                        + " customer, evangelist, other])");
    }

    @Test
    void refusesAtStartARulePackStageTheMappingLeavesOut() {
        Sink sink = new HubSpotConnectorProvider().sink().orElseThrow().newInstance();
        StageModel pack = StageModel.of(List.of(new Stage("awareness", "", ""), new Stage("trial", "", ""),
                new Stage("conversion", "", "")));
        TestContext context = TestContext.forSink(new HubSpotConnectorProvider()).with("base-url", hubspot.url())
                .with("token", FakeHubSpot.TOKEN).with("id-property", "lifestage_id").withStages(pack).build();

        assertThatThrownBy(() -> sink.start(context)).isInstanceOf(ConnectorException.class)
                .hasMessageStartingWith("setting 'stages' maps no lifecycle stage value for the rule pack's stage(s)"
                        + " [trial]");
        assertThat(hubspot.requests()).isEmpty();
    }

    private TestContext context() {
        return context(Map.of());
    }

    private TestContext context(Map<String, String> settings) {
        return TestContext.forSink(new HubSpotConnectorProvider()).with("base-url", hubspot.url())
                .with("token", FakeHubSpot.TOKEN).with("id-property", "lifestage_id").with(settings).build();
    }
}
