package io.lifestage.server;

import io.lifestage.api.Lifestage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What operators and tools read: the OpenAPI document, liveness and readiness in the MicroProfile Health shape, and
 * the metrics. Health and the document need no key; metrics as {@code lifestage.server.metrics} says.
 */
@Singleton
@Path("/")
public class OperationsResource {

    /** The OpenAPI document, as kept in the repository at {@code server/src/main/resources/openapi.yaml}. */
    static final String OPENAPI = "/openapi.yaml";

    private final Lifestage lifestage;
    private final ServerMetrics metrics;
    private final String openApi;

    @Inject
    OperationsResource(Lifestage lifestage, ServerMetrics metrics) {
        this.lifestage = lifestage;
        this.metrics = metrics;
        try (InputStream in = OperationsResource.class.getResourceAsStream(OPENAPI)) {
            this.openApi = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + OPENAPI + " from the server jar", e);
        }
    }

    @GET
    @Path("openapi")
    public Response openApi() {
        return Response.ok(openApi, "application/yaml").build();
    }

    @GET
    @Path("health/live")
    public Response live() {
        return health(List.of(check("evaluator", true, Map.of("lagSeconds",
                lifestage.evaluationLag().toMillis() / 1000.0))));
    }

    @GET
    @Path("health/ready")
    public Response ready() {
        List<Map<String, Object>> checks = new ArrayList<>();
        try {
            long customers = lifestage.stageCounts().values().stream().mapToLong(Long::longValue).sum();
            checks.add(check("stage-store", true, Map.of("customers", customers)));
        } catch (RuntimeException e) {
            checks.add(check("stage-store", false, Map.of("error", String.valueOf(e.getMessage()))));
        }
        Lifestage.RulesStatus rules = lifestage.rules();
        Map<String, Object> data = Json.object("version", rules.version());
        if (rules.reloadError() != null) {
            data.put("lastReloadError", rules.reloadError());
        }
        checks.add(check("rule-base", true, data));
        Optional<String> failure = lifestage.evaluationFailure();
        checks.add(check("evaluator", failure.isEmpty(), failure.<Map<String, Object>>map(f -> Map.of("error", f))
                .orElse(Map.of())));
        return health(checks);
    }

    @GET
    @Path("metrics")
    public Response metrics() {
        return Response.ok(metrics.render(), "text/plain; version=0.0.4; charset=utf-8").build();
    }

    private static Map<String, Object> check(String name, boolean up, Map<String, Object> data) {
        return Json.object("name", name, "status", up ? "UP" : "DOWN", "data", data);
    }

    private static Response health(List<Map<String, Object>> checks) {
        boolean up = checks.stream().allMatch(c -> c.get("status").equals("UP"));
        return Json.response(up ? 200 : 503, Json.object("status", up ? "UP" : "DOWN", "checks", checks));
    }
}
