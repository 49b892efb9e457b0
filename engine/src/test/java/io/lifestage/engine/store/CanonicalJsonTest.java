package io.lifestage.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lifestage.api.Event;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    private static final ObjectMapper JACKSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    @Test
    void writesWhatJacksonWritesWithOrderedKeysSoStoredKeysStayTheSame() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            Map<String, Object> body = Map.of("properties", map(random, 2), "traits", map(random, 1));
            assertEquals(JACKSON.writeValueAsString(body), CanonicalJson.write(body).orElseThrow(), "map " + i);
        }
    }

    @Test
    void anEventsKeyAndBodyAreWhatJacksonWritesOfItsMapsSoStoredFactsAreRecognised() throws Exception {
        Random random = new Random(11);
        Instant at = Instant.parse("2026-01-02T03:04:05.678Z");
        for (int i = 0; i < 500; i++) {
            Map<String, Object> properties = withoutNullValues(map(random, 2));
            Map<String, Object> traits = withoutNullValues(map(random, 1));
            Map<String, Object> context = withoutNullValues(map(random, 1));
            Event event = new Event(Event.Type.TRACK, "u-" + i, i % 3 == 0 ? "a-" + i : null, "Order Completed", at,
                    properties, traits, null, context);
            Map<String, Object> maps = new TreeMap<>();
            Map.of("context", context, "properties", properties, "traits", traits).forEach((name, map) -> {
                if (!map.isEmpty()) {
                    maps.put(name, map);
                }
            });
            String keyText = JACKSON.writeValueAsString(Map.of("properties", properties, "traits", traits));

            StoredFact stored = StoredFact.of(event, event.customerId());

            assertEquals(StoredFact.digest("track", event.userId(), event.anonymousId(), event.name(),
                    Long.toString(at.toEpochMilli()), keyText), stored.key(), "key of event " + i);
            assertEquals(JACKSON.writeValueAsString(maps), stored.body(), "body of event " + i);
        }
    }

    @Test
    void writesEveryEscapeAndNumberFormJacksonDoes() throws Exception {
        StringBuilder text = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            text.append(c);
        }
        text.append("é\u2028😀");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("text", text.toString());
        values.put("numbers", List.of(1, 2L, (short) 3, (byte) 4, 0.1, 1.0E10, -0.0, 1.5f, Double.NaN,
                Double.NEGATIVE_INFINITY, new BigDecimal("1E+3"), new BigInteger("123456789012345678901234567890")));
        values.put("none", null);
        values.put("flags", List.of(true, false));
        values.put("nested", Map.of("b", Map.of(), "a", List.of()));
        assertEquals(JACKSON.writeValueAsString(values), CanonicalJson.write(values).orElseThrow());
    }

    @Test
    void leavesToJacksonAValueOfAnotherType() {
        assertTrue(CanonicalJson.write(Map.of("at", Instant.EPOCH)).isEmpty());
        assertTrue(CanonicalJson.write(Map.of("nested", Map.of(1, "x"))).isEmpty());
    }

    /** The map without its null values, which an event's maps cannot hold (nested maps can). */
    private static Map<String, Object> withoutNullValues(Map<String, Object> map) {
        map.values().removeIf(Objects::isNull);
        return map;
    }

    private static Map<String, Object> map(Random random, int depth) {
        Map<String, Object> map = random.nextBoolean() ? new HashMap<>() : new LinkedHashMap<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            map.put(text(random), value(random, depth));
        }
        return map;
    }

    private static Object value(Random random, int depth) {
        return switch (random.nextInt(depth > 0 ? 9 : 7)) {
            case 0 -> text(random);
            case 1 -> random.nextInt();
            case 2 -> random.nextLong();
            case 3 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            case 4 -> random.nextBoolean();
            case 5 -> null;
            case 6 -> new BigDecimal(random.nextLong()).movePointLeft(random.nextInt(8));
            case 7 -> map(random, depth - 1);
            default -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(value(random, depth - 1));
                }
                yield list;
            }
        };
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            text.append((char) (random.nextInt(4) == 0 ? random.nextInt(0x40) : random.nextInt(0x3000)));
        }
        return text.toString();
    }
}
