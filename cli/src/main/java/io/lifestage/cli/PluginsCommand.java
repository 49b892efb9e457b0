package io.lifestage.cli;

import io.lifestage.api.spi.ConfigKey;
import io.lifestage.engine.config.LifestageConfig;
import io.lifestage.engine.connect.ConnectorRole;
import io.lifestage.engine.connect.Connectors;
import io.lifestage.engine.connect.InstalledConnector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code lifestage plugins}: the installed connector types, where each comes from, and every key it declares: the
 * reference for {@code lifestage.source.<name>.*} and {@code lifestage.sink.<name>.*}.
 */
@Command(name = "plugins",
        description = "Lists the installed connector types and the settings each declares.")
final class PluginsCommand extends Subcommand {

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        String pluginsDir = LifestageConfig.build(Map.of(), config.file)
                .getOptionalValue(Connectors.PLUGINS_DIR, String.class).orElse(null);
        PrintWriter out = out();
        try (Connectors connectors = Connectors.load(getClass().getClassLoader(),
                pluginsDir == null ? null : Path.of(pluginsDir))) {
            for (InstalledConnector connector : connectors.all()) {
                out.printf("%s version %s (from %s)%n", connector.type(), connector.version(), connector.origin());
                for (ConnectorRole role : connector.roles()) {
                    print(out, role, connector.keys(role));
                }
            }
        }
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, ConnectorRole role, List<ConfigKey> keys) {
        out.printf("  %s keys (%s<name>.*):%n", role.word(), role.prefix());
        if (keys.isEmpty()) {
            out.println("    none");
        }
        String row = "    %-" + width(keys, ConfigKey::name, 16) + "s %-8s %-" + width(keys, PluginsCommand::value, 20)
                + "s %-6s %s%s%s%n";
        for (ConfigKey key : keys) {
            String choices = key.choices().isEmpty() ? "" : " One of: " + String.join(", ", key.choices()) + ".";
            String range = key.rangeIfAny().map(r -> " A whole number " + r + ".").orElse("");
            String secret = key.secret() ? "secret" : "";
            out.printf(row, key.name(), key.type(), value(key), secret, key.description(), choices, range);
        }
    }

    private static String value(ConfigKey key) {
        return key.required() ? "required" : key.defaultIfAny().map(d -> "default " + d).orElse("optional");
    }

    /** The width of a column: its longest value, at least {@code least}, so that long keys keep the columns. */
    private static int width(List<ConfigKey> keys, Function<ConfigKey, String> column, int least) {
        return Math.max(least, keys.stream().mapToInt(key -> column.apply(key).length()).max().orElse(0));
    }
}
