package io.lifestage.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lifestage explain}: one customer's stage, the rules that matched, and what the deciding rule read. */
class ExplainCommandTest {

    @TempDir
    Path dir;

    private Cli.Result explain(String customer) {
        return Cli.run("explain", "--rules", Cli.DEFAULT_PACK.toString(), "--events", Cli.SAMPLE_EVENTS.toString(),
                "--as-of", "2026-11-01", "--customer", customer, "--rejects", dir.resolve("r.jsonl").toString());
    }

    @Test
    void explainsALoyalCustomer() {
        Cli.Result result = explain("u0000014");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("Customer u0000014 as of 2026-11-01T00:00:00Z: loyalty")
                .contains("Decided by loyalty-frequent-buyer: 6 orders in the last 365 days (loyal from 3)")
                .containsPattern("\\* loyalty-frequent-buyer +salience 90 +decided")
                .containsPattern("  retention-customer +salience 60\n")
                .contains("countWithin(\"Order Completed\", 365) = 6");
    }

    @Test
    void givesTheSameDecisionAsClassifyForACustomerWhoBrowsedAnonymouslyFirst() throws Exception {
        String identifiedLater = "u0000010";
        Path decisions = dir.resolve("decisions.jsonl");
        Cli.run("classify", "--rules", Cli.DEFAULT_PACK.toString(), "--events", Cli.SAMPLE_EVENTS.toString(),
                "--as-of", "2026-11-01", "--output", decisions.toString(), "--rejects", dir.resolve("r2").toString());
        String classified = java.nio.file.Files.readAllLines(decisions).stream()
                .filter(line -> line.contains("\"customerId\":\"" + identifiedLater + "\"")).findFirst().orElseThrow();
        var decision = Json.parse(classified);

        Cli.Result result = explain(identifiedLater);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Decided by " + decision.get("rule").asText() + ": "
                + decision.get("reason").asText());
    }

    @Test
    void saysWhenTheCustomerIsUnknown() {
        Cli.Result result = explain("u9999999");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("no event of customer 'u9999999'");
    }
}
