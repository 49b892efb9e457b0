package io.lifestage.server;

import io.lifestage.api.Lifestage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

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
        return Json.ok(Json.object("version", status.version(), "loadedAt", Json.text(status.loadedAt()), "stages",
                status.stages(), "lastReloadError", status.reloadError(), "lastReloadErrorAt",
                Json.text(status.reloadErrorAt())));
    }
}
