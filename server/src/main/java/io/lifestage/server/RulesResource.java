package io.lifestage.server;

import io.lifestage.api.Lifestage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /v1/rules}: the rule base in service and the outcome of the last reload. Read only. */
@Singleton
@Path("/v1/rules")
public class RulesResource {

    private final Lifestage lifestage;

    @Inject
    RulesResource(Lifestage lifestage) {
        this.lifestage = lifestage;
    }

    @GET
    public Response rules() {
        Lifestage.RulesStatus status = lifestage.rules();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", status.version());
        json.put("loadedAt", Json.text(status.loadedAt()));
        json.put("stages", status.stages());
        json.put("lastReloadError", status.reloadError());
        json.put("lastReloadErrorAt", Json.text(status.reloadErrorAt()));
        return Json.ok(json);
    }
}
