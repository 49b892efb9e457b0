package io.lifestage.plugin.salesforce;

import static io.lifestage.testkit.TestRecords.move;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifestage.api.Transition;
import io.lifestage.api.spi.ConnectorException;
import io.lifestage.api.spi.Rejection;
import io.lifestage.api.spi.Sink;
import io.lifestage.testkit.TestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How the Salesforce sink writes: 200 records a request, per-record errors, sessions, retries, secrets. */
class SalesforceSinkTest {

    private static final Instant AT = Instant.parse("2026-11-01T00:00:00Z");

    @RegisterExtension
    final FakeSalesforce salesforce = new FakeSalesforce();

    @Test
    void writesAContactAndALeadOfOneCustomerAndFiveHundredRecordsInRequestsOfAtMostTwoHundred() {
        List<Transition> moves = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            salesforce.add(i % 2 == 0 ? "Contact" : "Lead", Map.of("Lifestage_Id__c", "u" + i), AT);
            moves.add(move("u" + i, null, "retention", AT));
        }
        String lead = salesforce.add("Lead", Map.of("Lifestage_Id__c", "u0"), AT);

        context(Map.of("batch-size", "200")).deliver(moves);

        assertThat(salesforce.requests()).as("the first 200 customers have 201 records: 200 and 1, then 200, 100")
                .filteredOn(request -> request.startsWith("PATCH")).hasSize(4);
        assertThat(salesforce.value("Lead", lead, "Lifecycle_Stage__c")).isEqualTo("retention");
        assertThat(salesforce.ids("Contact")).allSatisfy(id -> assertThat(salesforce.value("Contact", id,
                "Lifecycle_Stage__c")).isEqualTo("retention"));
    }

    @Test
    void rejectsTheRecordsSalesforceRefusesAndWritesTheOthers() {
        String contact = salesforce.add("Contact", Map.of("Lifestage_Id__c", "u1"), AT);
        salesforce.add("Contact", Map.of("Lifestage_Id__c", "u2"), AT);
        salesforce.restrictStages(Set.of("Awareness", "Churned"));
        TestContext context = context(Map.of("stages", "awareness=Awareness,churn=Churned"));

        context.deliver(List.of(move("u1", null, "awareness", AT), move("u2", null, "loyalty", AT)));

        assertThat(salesforce.value("Contact", contact, "Lifecycle_Stage__c")).isEqualTo("Awareness");
        assertThat(context.rejects()).singleElement().satisfies(reject -> {
            assertThat(reject.position()).startsWith("Contact 003");
            assertThat(reject.reason()).isEqualTo("Salesforce refused the update:"
                    + " INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: Lifecycle Stage: bad value for restricted"
                    + " picklist field: loyalty (fields [\"Lifecycle_Stage__c\"])");
        });
    }

    @Test
    void writesTheRuleReasonAndSinceAndNothingWhenRedelivered() {
        String contact = salesforce.add("Contact", Map.of("Lifestage_Id__c", "u1"), AT);
        TestContext context = context(Map.of("rule-field", "Stage_Rule__c", "reason-field", "Stage_Reason__c",
                "since-field", "Stage_Since__c"));

        context.deliver(List.of(move("u1", null, "conversion", AT)));
        long updates = salesforce.requests().stream().filter(request -> request.startsWith("PATCH")).count();
        context.deliver(List.of(move("u1", null, "conversion", AT)));

        assertThat(salesforce.value("Contact", contact, "Stage_Rule__c")).isEqualTo("conversion-rule");
        assertThat(salesforce.value("Contact", contact, "Stage_Reason__c")).isEqualTo("because");
        assertThat(salesforce.value("Contact", contact, "Stage_Since__c")).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(salesforce.requests()).filteredOn(request -> request.startsWith("PATCH")).hasSize((int) updates);
    }

    @Test
    void logsInAgainWhenTheSessionExpiredAndWaitsOutA503() {
        String contact = salesforce.add("Contact", Map.of("Lifestage_Id__c", "u1"), AT);
        TestContext context = context(Map.of());
        Sink sink = context.startedSink();
        salesforce.expireSessions();

        sink.writeTransitions(List.of(move("u1", null, "churn", AT)));
        sink.flush();
        salesforce.refuseNext(1, 503);
        sink.writeTransitions(List.of(move("u1", null, "awareness", AT)));
        sink.flush();
        sink.close();

        assertThat(salesforce.value("Contact", contact, "Lifecycle_Stage__c")).isEqualTo("awareness");
        assertThat(salesforce.requests()).filteredOn(request -> request.endsWith("/oauth2/token")).hasSize(2);
        assertThat(context.logged()).anyMatch(line -> line.contains("HTTP 503"));
    }

    @Test
    void rejectsCustomersWithoutARecordWhenAsked() {
        TestContext context = context(Map.of("unknown-customers", "reject"));

        context.deliver(List.of(move("u9", null, "awareness", AT)));

        assertThat(context.rejects()).extracting(Rejection::reason)
                .containsExactly("no Contact or Lead has Lifestage_Id__c = u9");
    }

    @Test
    void refusesWrongClientCredentialsAtStartWithoutShowingThem() {
        TestContext context = context(Map.of("client-secret", "wrong-s3cret"));
        Sink sink = new SalesforceConnectorProvider().sink().orElseThrow().newInstance();

        assertThatThrownBy(() -> sink.start(context)).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.retriable()).isFalse()).hasMessageContaining("invalid_client")
                .hasMessageContaining("'client-secret'").hasMessageNotContaining("s3cret");
        assertThat(context.logged()).noneMatch(line -> line.contains("s3cret"));
    }

    private TestContext context(Map<String, String> settings) {
        return TestContext.forSink(new SalesforceConnectorProvider()).with("url", salesforce.url())
                .with("client-id", FakeSalesforce.CLIENT_ID).with("client-secret", FakeSalesforce.CLIENT_SECRET)
                .with("id-field", "Lifestage_Id__c").with(settings).build();
    }
}
