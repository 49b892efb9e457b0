package io.lifestage.engine.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.lifestage.engine.config.LifestageConfig;
import io.lifestage.engine.config.RulesSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The error codes docs/plugin-guide.md names are those the engine prints in the situations the guide describes. */
class PluginGuideCodesTest {

    private static final Pattern CODE = Pattern.compile("LS-[A-Z]+-\\d{4}");

    @TempDir
    Path plugins;

    @TempDir
    Path work;

    @Test
    void theGuideNamesTheCodesThePluginProblemsItDescribesArePrintedWith() throws IOException {
        new PluginJar().withSource("twin", "List.of()", "1").writeTo(plugins.resolve("twin-a.jar"), work);
        new PluginJar().withSource("twin", "List.of()", "2").writeTo(plugins.resolve("twin-b.jar"), work);
        String twoOfOneType = code(catchThrowable(() -> Connectors.load(getClass().getClassLoader(), plugins)));
        Files.delete(plugins.resolve("twin-b.jar"));
        Files.delete(plugins.resolve("twin-a.jar"));
        new PluginJar().withSource("crm", """
                List.of(ConfigKey.optional("page-size", ConfigKey.Type.INTEGER, "ten", "Contacts per page."))""", "1")
                .writeTo(plugins.resolve("crm.jar"), work);
        String badDeclaration = code(catchThrowable(() -> Connectors.load(getClass().getClassLoader(), plugins)));
        String typeNotInstalled = code(catchThrowable(() -> ConnectorPlan.from(LifestageConfig.build(Map.of(
                RulesSettings.DIR, "pack", "lifestage.sources", "crm", "lifestage.source.crm.type", "hubspot"),
                null), Connectors.installed(getClass().getClassLoader()), () -> null)));

        String guide = Files.readString(Path.of("..", "docs", "plugin-guide.md"));
        Set<String> named = new TreeSet<>();
        for (Matcher code = CODE.matcher(guide); code.find(); ) {
            named.add(code.group());
        }
        assertThat(named).containsExactlyInAnyOrder(twoOfOneType, typeNotInstalled)
                .contains(badDeclaration);
    }

    private static String code(Throwable failure) {
        assertThat(failure).isNotNull();
        Matcher code = CODE.matcher(failure.getMessage());
        assertThat(code.lookingAt()).as(failure.getMessage()).isTrue();
        return code.group();
    }
}
