package io.lifestage.plugin.salesforce;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lifestage run} with the sample, its 300 CRM contacts split into 200 Contacts and 100 Leads of a fake
 * Salesforce org, syncs every record's stage field, moves back to earlier stages included, and a run after that
 * sends nothing.
 */
class SalesforceRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ORDER = List.of("awareness", "consideration", "conversion", "retention",
            "loyalty", "churn");

    @TempDir
    Path dir;
    @RegisterExtension
    final FakeSalesforce salesforce = new FakeSalesforce();
    private final Map<String, String> customerOfRecord = new HashMap<>();

    @Test
    void syncsEveryRecordsStageAndARunAfterThatSendsNothing() throws IOException {
        loadTheSampleContacts();
        run("2026-06-01", "first.jsonl");
        String secondRun = run("2026-11-01", "second.jsonl");

        Map<String, String> stages = new HashMap<>();
        long movesBack = 0;
        for (String file : List.of("first.jsonl", "second.jsonl")) {
            for (String line : Files.readAllLines(dir.resolve(file))) {
                JsonNode move = JSON.readTree(line);
                boolean refused = move.path("policy").asText().equals("refused");
                stages.put(move.path("customerId").asText(), move.path(refused ? "from" : "to").asText());
                movesBack += customerOfRecord.containsValue(move.path("customerId").asText())
                        && ORDER.indexOf(move.path("to").asText()) < ORDER.indexOf(move.path("from").asText()) ? 1 : 0;
            }
        }
        assertThat(movesBack).as("moves of CRM customers to an earlier stage").isPositive();
        customerOfRecord.forEach((record, customer) -> assertThat(salesforce.value(object(record), record,
                "Lifecycle_Stage__c")).as("stage field of %s, customer %s", record, customer)
                .isEqualTo(stages.get(customer)));
        assertThat(secondRun).as("the records the first run wrote are no new profiles").contains("crm ")
                .containsPattern("crm +0 read +0 new");
        long updates = salesforce.requests().stream().filter(request -> request.startsWith("PATCH")).count();

        String thirdRun = run("2026-11-01", "third.jsonl");

        assertThat(thirdRun).contains("evaluated 0 customers");
        assertThat(salesforce.requests().stream().filter(request -> request.startsWith("PATCH")))
                .as("updates after a run that changed nothing").hasSize((int) updates);
    }

    private void loadTheSampleContacts() throws IOException {
        List<Map<String, String>> contacts = SampleRun.contacts();
        for (int i = 0; i < contacts.size(); i++) {
            Map<String, String> contact = contacts.get(i);
            String record = salesforce.add(i < 200 ? "Contact" : "Lead", Map.of("Lifestage_Id__c", contact.get("id"),
                    "Email", contact.get("email")), Instant.parse(contact.get("updated_at")));
            customerOfRecord.put(record, contact.get("id"));
        }
    }

    /** Runs the sample pipeline as of the date with the org as its CRM, transitions also to a file; its output. */
    private String run(String asOf, String transitions) throws IOException {
        Map<String, String> org = Map.of("type", "salesforce", "url", salesforce.url(), "client-id",
                FakeSalesforce.CLIENT_ID, "client-secret", FakeSalesforce.CLIENT_SECRET, "id-field", "Lifestage_Id__c");
        return SampleRun.run(dir, asOf, org, List.of("lifestage.source.crm.fields=Email"), "transitions",
                dir.resolve(transitions));
    }

    private static String object(String id) {
        return id.startsWith("00Q") ? "Lead" : "Contact";
    }
}
