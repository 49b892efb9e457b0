package io.lifestage.server;

import io.lifestage.engine.config.RulesSettings;
import io.lifestage.testing.TestPack;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings of a server on loopback over a rule pack, with an H2 file store in {@code dir}; and the packs and servers
 * several tests share.
 */
final class TestServers {

    static final String WRITER = "writer-token-0123456789";
    static final String READER = "reader-token-0123456789";

    private TestServers() {
    }

    static Map<String, String> settings(Path dir, Path rules) {
        Map<String, String> settings = new HashMap<>();
        settings.put(RulesSettings.DIR, rules.toString());
        settings.put("lifestage.store.url", "jdbc:h2:file:" + dir.resolve("store"));
        settings.put("lifestage.server.host", "127.0.0.1");
        settings.put("lifestage.server.port", "0");
        settings.put("lifestage.server.keys", "ingest,dashboard");
        settings.put("lifestage.server.key.ingest.token", WRITER);
        settings.put("lifestage.server.key.ingest.scopes", "read,write");
        settings.put("lifestage.server.key.dashboard.token", READER);
        settings.put("lifestage.server.key.dashboard.scopes", "read");
        settings.put("lifestage.host.erasure-salt", "test-salt");
        return settings;
    }

    /**
     * A server over the default pack, which it does not watch (no test here changes it), with these settings over
     * the others and its store in {@code dir}.
     */
    static LifestageServer startOnDefaultPack(Path dir, Map<String, String> overrides) {
        Map<String, String> settings = settings(dir, defaultPack());
        settings.put("lifestage.rules.watch", "false");
        settings.putAll(overrides);
        return LifestageServer.start(settings, null);
    }

    /**
     * A server over {@link #packFailingAtThreeOrders the pack that fails at three orders}, not watching it, with its
     * store in {@code dir}: every evaluation fails once a customer has three orders.
     */
    static LifestageServer startFailingAtThreeOrders(Path dir) throws IOException {
        Map<String, String> settings = settings(dir, packFailingAtThreeOrders(dir));
        settings.put("lifestage.rules.watch", "false");
        return LifestageServer.start(settings, null);
    }

    /**
     * A pack in {@code dir/pack} whose rule throws for a customer with three orders, with a message that names them
     * (as a rule's own exception may), and assigns visitor or buyer otherwise.
     */
    private static Path packFailingAtThreeOrders(Path dir) throws IOException {
        Path pack = TestPack.write(dir.resolve("pack"), "visitor,buyer", """
                rule "fails at three orders" salience 3
                when $c : CustomerMetrics( orders == 3 )
                then throw new IllegalStateException("three orders for " + $c.customerId());
                end
                rule "buyer" salience 2 when CustomerMetrics( orders > 0 ) then verdict.assign("buyer", "bought"); end
                rule "visitor" salience 1 when CustomerMetrics( ) then verdict.assign("visitor", "seen"); end
                """);
        return pack;
    }

    /** A JSON array of three track calls of one customer, an order on each of the last three days. */
    static String threeOrders(String customer) {
        StringBuilder calls = new StringBuilder("[");
        for (int day = 1; day <= 3; day++) {
            calls.append(day > 1 ? "," : "").append("{\"type\":\"track\",\"userId\":\"").append(customer)
                    .append("\",\"event\":\"Order Completed\",\"timestamp\":\"")
                    .append(Instant.now().minusSeconds(86_400L * day)).append("\"}");
        }
        return calls.append("]").toString();
    }

    /** The default rule pack of the repository. */
    static Path defaultPack() {
        return Path.of("..", "rules", "pack").toAbsolutePath().normalize();
    }
}
