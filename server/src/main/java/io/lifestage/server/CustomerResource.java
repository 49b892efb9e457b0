package io.lifestage.server;

import io.lifestage.api.Explanation;
import io.lifestage.api.Lifestage;
import io.lifestage.engine.host.StoreReader;
import io.lifestage.engine.store.StageStore;
import io.lifestage.segment.RecordJson;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One customer: current stage, history, actions, explanation, and erasure. */
@Singleton
@Path("/v1/customers/{id}")
public class CustomerResource {

    private final Lifestage lifestage;
    private final StoreReader store;
    private final CustomerValues values;

    @Inject
    CustomerResource(Lifestage lifestage, StoreReader store, CustomerValues values) {
        this.lifestage = lifestage;
        this.store = store;
        this.values = values;
    }

    /** The customer's stage, and what they are worth now: RFM scores, value tier, orders, revenue, AOV and CLV. */
    @GET
    public Response stage(@PathParam("id") String id) {
        Map<String, Object> json = lifestage.stage(id).map(RecordJson::fields)
                .orElseThrow(() -> ApiError.notFound("no stage is stored for customer '" + id + "'"));
        json.put("metrics", RecordJson.fields(values.of(id)));
        return Json.ok(json);
    }

    @GET
    @Path("history")
    public Response history(@PathParam("id") String id) {
        List<Map<String, Object>> transitions = lifestage.history(id).stream().map(RecordJson::fields).toList();
        if (transitions.isEmpty() && lifestage.stage(id).isEmpty()) {
            throw ApiError.notFound("no history is stored for customer '" + id + "'");
        }
        return Json.ok(Json.object("customerId", id, "transitions", transitions));
    }

    /**
     * The actions made for the customer, oldest first, those they were held out of included, as the store keeps them:
     * without the payload, which holds personal data and is not stored.
     */
    @GET
    @Path("actions")
    public Response actions(@PathParam("id") String id) {
        List<StageStore.StoredAction> stored = store.read(reads -> reads.actions(id));
        if (stored.isEmpty() && lifestage.stage(id).isEmpty()) {
            throw ApiError.notFound("no stage and no actions are stored for customer '" + id + "'");
        }
        return Json.ok(Json.object("customerId", id, "actions", stored.stream().map(RecordJson::fields).toList()));
    }

    @GET
    @Path("explanation")
    public Response explanation(@PathParam("id") String id) {
        Explanation explanation = lifestage.explain(id)
                .orElseThrow(() -> ApiError.notFound("no facts are stored for customer '" + id + "'"));
        Map<String, Object> json = RecordJson.fields(explanation.decision());
        json.put("matches", explanation.matches().stream().map(match -> {
            return Json.object("rule", match.rule(), "salience", match.salience(), "decided", match.decided());
        }).toList());
        Map<String, Object> inputs = new LinkedHashMap<>();
        explanation.inputs().forEach((name, value) -> inputs.put(name, value instanceof Instant i ? i.toString()
                : value));
        json.put("inputs", inputs);
        return Json.ok(json);
    }

    @DELETE
    public Response erase(@PathParam("id") String id) {
        Lifestage.Erasure erasure = lifestage.erase(id);
        return Json.ok(Json.object("erased", erasure.found(), "factsDeleted", erasure.factsDeleted(),
                "transitionsDeleted", erasure.transitionsDeleted()));
    }
}
