package io.lifestage.server;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The OpenAPI document describes exactly the routes the resources serve, each with its methods. */
class OpenApiDocumentTest {

    @Test
    void theDocumentListsEveryServedRouteAndNothingElse() throws IOException {
        String text = Files.readString(java.nio.file.Path.of("src/main/resources/openapi.yaml"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>)
                ((Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(text)).get("paths");
        TreeSet<String> documented = new TreeSet<>();
        paths.forEach((path, operations) -> operations.keySet().stream().filter(k -> !k.equals("parameters"))
                .forEach(verb -> documented.add(verb.toUpperCase() + " " + path)));

        TreeSet<String> served = new TreeSet<>();
        for (Class<?> resource : LifestageServer.RESOURCES) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                String verb = method.isAnnotationPresent(GET.class) ? "GET" : method.isAnnotationPresent(POST.class)
                        ? "POST" : method.isAnnotationPresent(DELETE.class) ? "DELETE" : null;
                if (verb != null) {
                    Path sub = method.getAnnotation(Path.class);
                    String path = (base + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/");
                    String route = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1)
                            : path;
                    alternatives(route).forEach(one -> served.add(verb + " " + one));
                }
            }
        }

        assertThat(documented).isEqualTo(served);
    }

    /** The paths a template such as {@code /v1/{type: track|page}} matches: {@code /v1/track} and {@code /v1/page}. */
    private static List<String> alternatives(String route) {
        Matcher choice = Pattern.compile("\\{\\w+:\\s*([\\w|]+)}").matcher(route);
        if (!choice.find()) {
            return List.of(route);
        }
        return Arrays.stream(choice.group(1).split("\\|"))
                .map(word -> route.substring(0, choice.start()) + word + route.substring(choice.end())).toList();
    }
}
