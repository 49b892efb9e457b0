package io.lifestage.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.lifestage.api.Decision;
import io.lifestage.api.spi.Rejection;
import io.lifestage.api.spi.Source;
import io.lifestage.engine.LifestageContainer;
import io.lifestage.engine.config.RulesSettings;
import io.lifestage.engine.connect.Connectors;
import io.lifestage.engine.connect.SettingsContext;
import io.lifestage.engine.connect.SourceFacts;
import io.lifestage.engine.internal.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Synthetic data is reproducible, well-formed, and puts each customer in the stage its persona aims at. */
class SyntheticEventsTest {

    @TempDir
    Path dir;

    private static final Instant AS_OF = Instant.parse("2026-11-01T00:00:00Z");
    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":\"([^\"]+)\"");

    private static String generate(long seed, int customers, Map<String, SyntheticEvents.Persona> personas)
            throws IOException {
        return generate(seed, customers, 0, personas);
    }

    private static String generate(long seed, int customers, double pageViews,
                                   Map<String, SyntheticEvents.Persona> personas) throws IOException {
        return generate(new SyntheticEvents(seed, AS_OF, pageViews), customers, personas);
    }

    private static String generate(SyntheticEvents generator, int customers,
                                   Map<String, SyntheticEvents.Persona> personas) throws IOException {
        StringWriter out = new StringWriter();
        generator.write(customers, out, personas::put);
        return out.toString();
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() throws IOException {
        assertThat(generate(7, 300, new HashMap<>())).isEqualTo(generate(7, 300, new HashMap<>()))
                .isNotEqualTo(generate(8, 300, new HashMap<>()));
    }

    @Test
    void countsTheLinesItWrites() throws IOException {
        StringWriter out = new StringWriter();

        long lines = new SyntheticEvents(1, AS_OF).write(500, out);

        assertThat(out.toString().lines().count()).isEqualTo(lines).isGreaterThan(500 * 3);
    }

    @Test
    void everyLineHasATypeAnIdAndATimestampNotAfterAsOf() throws IOException {
        for (String line : generate(3, 1_000, new HashMap<>()).lines().toList()) {
            assertThat(line).startsWith("{\"type\":\"").endsWith("}").containsPattern("\"(userId|anonymousId)\":\"");
            Matcher timestamp = TIMESTAMP.matcher(line);
            assertThat(timestamp.find()).as(line).isTrue();
            assertThat(java.time.OffsetDateTime.parse(timestamp.group(1)).toInstant()).isBeforeOrEqualTo(AS_OF);
        }
    }

    @Test
    void usesTheWholeVocabularyAndAnonymousVisitsThatIdentifyLater() throws IOException {
        String data = generate(5, 2_000, new HashMap<>());

        for (String event : List.of("Email Opened", "Email Link Clicked", "Product Viewed", "Product Added",
                "Checkout Started", "Signed Up", "Lead Created", "Trial Started", "Order Completed", "Order Refunded",
                "Subscription Started", "Subscription Renewed", "Subscription Cancelled", "Survey Answered",
                "Referral Sent", "Video Played")) {
            assertThat(data).contains("\"event\":\"" + event + "\"");
        }
        assertThat(data).contains("{\"type\":\"page\",\"anonymousId\":\"anon-")
                .containsPattern("\\{\"type\":\"identify\",\"userId\":\"u\\d{7}\",\"anonymousId\":\"anon-");
    }

    @Test
    void browsingCustomersHaveAboutEighteenEventsEachSomeHundreds() throws IOException {
        Map<String, Integer> perCustomer = new HashMap<>();
        generate(3, 5_000, 16, new HashMap<>()).lines()
                .map(line -> line.replaceFirst(".*\"(?:userId|anonymousId)\":\"([^\"]+)\".*", "$1"))
                .forEach(id -> perCustomer.merge(id, 1, Integer::sum));

        double perUser = perCustomer.entrySet().stream().filter(e -> e.getKey().startsWith("u"))
                .mapToInt(Map.Entry::getValue).average().orElseThrow();
        assertThat(perUser).isBetween(15.0, 21.0);
        assertThat(perCustomer.values().stream().filter(count -> count >= 200).count()).isPositive();
    }

    @Test
    void scorecardAdditionsKeepEveryOtherEventAndFeedEveryMeasure() throws IOException {
        List<String> plain = generate(5, 2_000, new HashMap<>()).lines().toList();
        String data = generate(new SyntheticEvents(5, AS_OF, 0).withScorecardEvents(), 2_000, new HashMap<>());
        List<String> lines = data.lines().toList();

        List<String> withoutProfitAndLabel = lines.stream()
                .map(line -> line.replaceAll(",\"(cost|margin)\":[0-9.]+", "").replace("\"survey\":\"nps\",", ""))
                .toList();
        assertThat(withoutProfitAndLabel).containsSubsequence(plain);
        assertThat(count(lines, "\"survey\":\"csat\"")).isGreaterThan(300);
        assertThat(count(lines, "\"survey\":\"nps\"")).isEqualTo(count(plain, "Survey Answered"));
        assertThat(count(lines, "\"cost\":")).isGreaterThan(count(lines, "\"margin\":")).isGreaterThan(200);
        assertThat(count(lines, "Subscription Renewed")).isGreaterThan(count(plain, "Subscription Renewed") + 300);
        assertThat(count(lines, "Signed Up") + count(lines, "Lead Created"))
                .isGreaterThan(count(plain, "Signed Up") + count(plain, "Lead Created") + 500);
        assertThat(data).containsPattern(
                "\"event\":\"Survey Answered\",\"properties\":\\{\"survey\":\"csat\",\"score\":[1-5]}");
    }

    private static long count(List<String> lines, String part) {
        return lines.stream().filter(line -> line.contains(part)).count();
    }

    @ParameterizedTest(name = "{0} extra page views on average, scorecard additions {1}")
    @CsvSource({"0, false", "16, false", "0, true"})
    void eachCustomerLandsInTheStageItsPersonaAimsAt(double pageViews, boolean scorecard) throws IOException {
        Map<String, SyntheticEvents.Persona> personas = new HashMap<>();
        SyntheticEvents generator = new SyntheticEvents(11, AS_OF, pageViews);
        String data = generate(scorecard ? generator.withScorecardEvents() : generator, 2_000, personas);
        Path events = Files.writeString(dir.resolve("events.jsonl"), data);
        List<Decision> decisions = new ArrayList<>();
        List<Rejection> rejects = new ArrayList<>();

        try (LifestageContainer container = LifestageContainer.start(
                Map.of(RulesSettings.DIR, "../rules/pack"), null);
             Source source = Connectors.installed(getClass().getClassLoader()).newSource("file")) {
            source.start(new SettingsContext("events", Map.of("path", events.toString()), rejects::add));
            container.engine().classify(new SourceFacts(source), AS_OF, decisions::add);
        }

        assertThat(rejects).isEmpty();
        Map<SyntheticEvents.Persona, Integer> perPersona = new EnumMap<>(SyntheticEvents.Persona.class);
        for (Decision decision : decisions) {
            SyntheticEvents.Persona persona = personas.get(decision.customerId());
            if (persona == null) {
                assertThat(decision.customerId()).startsWith("anon-");
                assertThat(decision.stage()).isEqualTo("awareness");
                continue;
            }
            assertThat(decision.stage()).as(decision.customerId() + ": " + decision.reason())
                    .isEqualTo(persona.name().toLowerCase(Locale.ROOT));
            perPersona.merge(persona, 1, Integer::sum);
        }
        assertThat(perPersona).hasSize(6).allSatisfy((persona, count) -> assertThat(count).isGreaterThan(80));
    }

    @Test
    void escapesStringsAsJsonRequires() {
        assertThat(Json.quote("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
    }
}
