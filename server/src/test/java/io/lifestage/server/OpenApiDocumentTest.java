package io.lifestage.server;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeSet;
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
                    served.add(verb + " " + (path.length() > 1 && path.endsWith("/")
                            ? path.substring(0, path.length() - 1) : path));
                }
            }
        }

        assertThat(documented).isEqualTo(served);
    }
}
