package io.lifestage.server;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Settings of a server on loopback over the default rule pack, with an H2 file store in {@code dir}. */
final class TestServers {

    static final String WRITER = "writer-token-0123456789";
    static final String READER = "reader-token-0123456789";

    private TestServers() {
    }

    static Map<String, String> settings(Path dir, Path rules) {
        Map<String, String> settings = new HashMap<>();
        settings.put("lifestage.rules.dir", rules.toString());
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

    /** The default rule pack of the repository. */
    static Path defaultPack() {
        return Path.of("..", "rules", "pack").toAbsolutePath().normalize();
    }
}
