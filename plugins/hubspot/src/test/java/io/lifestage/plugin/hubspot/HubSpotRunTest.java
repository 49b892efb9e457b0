package io.lifestage.plugin.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lifestage.crm.SampleRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lifestage run} with the sample (its 300 CRM contacts in a fake HubSpot account, its events from the file)
 * syncs every contact's stage into HubSpot, backward moves included, and a run after that sends nothing.
 */
class HubSpotRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    @RegisterExtension
    final FakeHubSpot hubspot = new FakeHubSpot();
    private final Map<Long, String> customers = new TreeMap<>();

    @BeforeEach
    void loadTheSampleContactsIntoHubSpot() throws IOException {
        for (Map<String, String> contact : SampleRun.contacts()) {
            Map<String, String> properties = new HashMap<>();
            for (String column : List.of("email", "company", "plan", "country")) {
                properties.put(column, contact.get(column));
            }
            properties.put("lifestage_id", contact.get("id"));
            if (customers.size() % 7 == 0) {
                properties.put("lifecyclestage", "other");
            }
            long id = hubspot.add(properties, Instant.parse(contact.get("updated_at")));
            customers.put(id, properties.get("lifestage_id"));
        }
    }

    @Test
    void syncsEveryContactsStageBackwardMovesIncludedAndARunAfterThatSendsNothing() throws IOException {
        String first = run("2026-06-01", "decisions-1.jsonl");
        String second = run("2026-11-01", "decisions-2.jsonl");

        assertThat(first).containsPattern("crm +300 read +300 new");
        Map<String, String> stages = finalStages("decisions-1.jsonl", "decisions-2.jsonl");
        Map<String, String> values = Map.of("awareness", "subscriber", "consideration", "lead",
                "conversion", "customer", "retention", "customer", "loyalty", "evangelist", "churn", "other");
        customers.forEach((id, customer) -> assertThat(hubspot.value(id, "lifecyclestage"))
                .as("lifecyclestage of contact %s, customer %s", id, customer)
                .isEqualTo(values.get(stages.get(customer))));
        long clearedFirst = customers.keySet().stream()
                .filter(id -> hubspot.history(id, "lifecyclestage").contains("")).count();
        assertThat(clearedFirst).as("contacts moved back to an earlier lifecycle stage").isGreaterThan(10);
        assertThat(second).as("the contacts the first run wrote to are read again, as no new profiles")
                .containsPattern("crm +[1-9][0-9]* read +0 new");

        int updates = hubspot.requests("/batch/update").size();
        String third = run("2026-11-01", "decisions-3.jsonl");

        assertThat(third).contains("evaluated 0 customers");
        assertThat(hubspot.requests("/batch/update")).as("batch updates after a run that changed nothing")
                .hasSize(updates);
    }

    /** Runs the sample pipeline as of the date, the contacts from HubSpot, and returns what it printed. */
    private String run(String asOf, String decisions) throws IOException {
        Map<String, String> account = Map.of("type", "hubspot", "base-url", hubspot.url(), "token", FakeHubSpot.TOKEN,
                "id-property", "lifestage_id");
        return SampleRun.run(dir, asOf, account, List.of("lifestage.source.crm.properties=email,company,plan,country",
                "lifestage.sink.crm.rate-limit=190"), "decisions", dir.resolve(decisions));
    }

    /** The stage of each customer after the runs, by the decisions each wrote (the changed ones). */
    private Map<String, String> finalStages(String... files) throws IOException {
        Map<String, String> stages = new HashMap<>();
        for (String file : files) {
            for (String line : Files.readAllLines(dir.resolve(file))) {
                JsonNode decision = JSON.readTree(line);
                stages.put(decision.get("customerId").asText(), decision.get("stage").asText());
            }
        }
        return stages;
    }
}
